package org.northstar.fhirapi;

import java.math.BigDecimal;
import java.util.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.northstar.careplan.BarrierKind;
import org.northstar.careplan.CarePlan;
import org.northstar.careplan.ItemDraft;
import org.northstar.careplan.ItemRevision;
import org.northstar.careplan.ItemStatus;
import org.northstar.careplan.PlanItem;
import org.northstar.careplan.Target;
import org.northstar.shared.PatientId;

/**
 * Northstar's own care plans as FHIR: the plan as a {@code CarePlan} whose activities are
 * its interventions and barriers, each goal as a {@code Goal}, and the way back from what
 * a client writes. Problems travel as contained Conditions. Both carry
 * {@code meta.source} "northstar", as Tasks do, beside the imported plans of other
 * sources.
 */
final class NorthstarPlans {

	static final String SOURCE = "northstar";

	/** The kinds of barrier, as codes of an activity that deals with one. */
	static final String BARRIER_SYSTEM = "urn:northstar:barrier-kind";

	static final String LOINC = "http://loinc.org";

	private static final Map<ItemStatus, CarePlanActivityStatus> ACTIVITY = Map.of(ItemStatus.ACTIVE,
			CarePlanActivityStatus.INPROGRESS, ItemStatus.ON_HOLD, CarePlanActivityStatus.ONHOLD, ItemStatus.COMPLETED,
			CarePlanActivityStatus.COMPLETED, ItemStatus.CANCELLED, CarePlanActivityStatus.CANCELLED,
			ItemStatus.NOT_ACHIEVED, CarePlanActivityStatus.STOPPED);

	private NorthstarPlans() {
	}

	static org.hl7.fhir.r4.model.CarePlan toFhir(CarePlan plan) {
		org.hl7.fhir.r4.model.CarePlan resource = new org.hl7.fhir.r4.model.CarePlan();
		resource.setId(new IdType("CarePlan", plan.fhirId().toString(), Integer.toString(plan.version())));
		meta(resource, plan.version(), plan.updatedAt());
		resource.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
		resource.setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN);
		resource.setTitle("Care plan");
		resource.setSubject(new Reference("Patient/" + plan.patient()));
		resource.setCreated(Date.from(plan.createdAt()));
		for (PlanItem problem : plan.problems()) {
			if (problem.conditionRef() != null) {
				// A recorded condition of the person: referred to, not copied.
				resource.addAddresses(new Reference(problem.conditionRef()).setDisplay(problem.title()));
				continue;
			}
			Condition condition = new Condition();
			condition.setId("problem-" + problem.id());
			CodeableConcept code = new CodeableConcept().setText(problem.title());
			if (problem.conditionCode() != null) {
				code.addCoding(new Coding("http://snomed.info/sct", problem.conditionCode(), null));
			}
			condition.setCode(code);
			condition.setSubject(new Reference("Patient/" + plan.patient()));
			condition.getClinicalStatus()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
						problem.status().open() ? "active" : "resolved", null));
			resource.addContained(condition);
			resource.addAddresses(new Reference("#problem-" + problem.id()).setDisplay(problem.title()));
		}
		for (PlanItem goal : plan.goals()) {
			resource.addGoal(new Reference("Goal/" + goal.fhirId()).setDisplay(goal.title()));
		}
		for (PlanItem item : plan.items()) {
			if (item.kind() != PlanItem.Kind.INTERVENTION && item.kind() != PlanItem.Kind.BARRIER) {
				continue;
			}
			CarePlanActivityComponent activity = resource.addActivity();
			activity.setId("item-" + item.id());
			CarePlanActivityDetailComponent detail = activity.getDetail();
			CodeableConcept code = new CodeableConcept().setText(item.title());
			if (item.barrierKind() != null) {
				code.addCoding(new Coding(BARRIER_SYSTEM, item.barrierKind().name(), item.barrierKind().label()));
			}
			detail.setCode(code);
			detail.setStatus(ACTIVITY.get(item.status()));
			if (item.action() != null) {
				detail.setDescription(item.action());
			}
			if (item.owner() != null) {
				detail.addPerformer().setDisplay(item.owner());
			}
			if (item.dueOn() != null) {
				detail.setScheduled(
						new Period().setEndElement(new org.hl7.fhir.r4.model.DateTimeType(item.dueOn().toString())));
			}
		}
		return resource;
	}

	static Goal toFhir(PlanItem goal, PatientId patient) {
		Goal resource = new Goal();
		resource.setId(new IdType("Goal", goal.fhirId().toString(), Integer.toString(goal.version())));
		meta(resource, goal.version(), goal.updatedAt());
		resource.setLifecycleStatus(switch (goal.status()) {
			case ACTIVE -> Goal.GoalLifecycleStatus.ACTIVE;
			case ON_HOLD -> Goal.GoalLifecycleStatus.ONHOLD;
			case COMPLETED, NOT_ACHIEVED -> Goal.GoalLifecycleStatus.COMPLETED;
			case CANCELLED -> Goal.GoalLifecycleStatus.CANCELLED;
		});
		String achievement = switch (goal.status()) {
			case COMPLETED -> "achieved";
			case NOT_ACHIEVED -> "not-achieved";
			case ACTIVE, ON_HOLD -> "in-progress";
			case CANCELLED -> null;
		};
		if (achievement != null) {
			resource.getAchievementStatus()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/goal-achievement", achievement, null));
		}
		resource.getDescription().setText(goal.title());
		resource.setSubject(new Reference("Patient/" + patient));
		resource.setStart(new DateType(goal.createdAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
		Target target = goal.target();
		Goal.GoalTargetComponent t = resource.addTarget();
		CodeableConcept measure = new CodeableConcept();
		if (target.measureCode() != null) {
			measure.addCoding(new Coding(LOINC, target.measureCode(), null));
		}
		if (target.text() != null) {
			measure.setText(target.text());
		}
		if (!measure.isEmpty()) {
			t.setMeasure(measure);
		}
		if (target.low() != null || target.high() != null) {
			Range range = new Range();
			if (target.low() != null) {
				range.setLow(quantity(target.low(), target.unit()));
			}
			if (target.high() != null) {
				range.setHigh(quantity(target.high(), target.unit()));
			}
			t.setDetail(range);
		}
		if (goal.dueOn() != null) {
			t.setDue(new DateType(goal.dueOn().toString()));
		}
		for (PlanItem.ProgressNote note : goal.notes()) {
			resource.addNote(new Annotation().setText(note.text())
				.setAuthor(new org.hl7.fhir.r4.model.StringType(note.writtenBy()))
				.setTime(Date.from(note.writtenAt())));
		}
		return resource;
	}

	/** What a Goal a client wrote asks for; 422 for what Northstar cannot keep. */
	static GoalChange goal(Goal resource, String origin) {
		String title = resource.getDescription().getText();
		if (title == null || title.isBlank()) {
			title = resource.getDescription().getCodingFirstRep().getDisplay();
		}
		if (resource.getTarget().size() > 1) {
			throw new UnprocessableEntityException(
					"Goal.target: Northstar keeps one target per goal, not " + resource.getTarget().size());
		}
		Goal.GoalTargetComponent t = resource.getTargetFirstRep();
		String measure = t.getMeasure()
			.getCoding()
			.stream()
			.filter(c -> LOINC.equals(c.getSystem()))
			.map(Coding::getCode)
			.findFirst()
			.orElse(null);
		BigDecimal low = null;
		BigDecimal high = null;
		String unit = null;
		if (t.hasDetailRange()) {
			Range range = t.getDetailRange();
			low = range.getLow().getValue();
			high = range.getHigh().getValue();
			unit = range.getLow().hasUnit() ? range.getLow().getUnit() : range.getHigh().getUnit();
		}
		else if (t.hasDetailQuantity()) {
			Quantity quantity = t.getDetailQuantity();
			String comparator = quantity.hasComparator() ? quantity.getComparator().toCode() : "";
			low = comparator.startsWith("<") ? null : quantity.getValue();
			high = comparator.startsWith(">") ? null : quantity.getValue();
			unit = quantity.getUnit();
		}
		else if (t.hasDetail()) {
			throw new UnprocessableEntityException(
					"Goal.target.detail: Northstar keeps a Range or a Quantity, not a " + t.getDetail().fhirType());
		}
		LocalDate due = null;
		if (t.hasDueDateType()) {
			due = LocalDate.parse(t.getDueDateType().getValueAsString().substring(0, 10));
		}
		else if (t.hasDue()) {
			throw new UnprocessableEntityException("Goal.target.due: give a dueDate");
		}
		Target target = new Target(t.getMeasure().getText(), low == null && high == null ? null : measure, low, high,
				unit);
		List<String> notes = resource.getNote().stream().map(Annotation::getText).filter(n -> n != null).toList();
		return new GoalChange(new ItemDraft(PlanItem.Kind.GOAL, title, null, null, null, due, null, target, origin),
				status(resource), notes);
	}

	/** A Goal's content, status and notes as Northstar keeps them. */
	record GoalChange(ItemDraft draft, ItemStatus status, List<String> notes) {
	}

	private static ItemStatus status(Goal resource) {
		String achievement = resource.getAchievementStatus().getCodingFirstRep().getCode();
		if (resource.getLifecycleStatus() == null) {
			return ItemStatus.ACTIVE;
		}
		return switch (resource.getLifecycleStatus()) {
			case PROPOSED, PLANNED, ACCEPTED, ACTIVE -> ItemStatus.ACTIVE;
			case ONHOLD -> ItemStatus.ON_HOLD;
			case COMPLETED -> "not-achieved".equals(achievement) ? ItemStatus.NOT_ACHIEVED : ItemStatus.COMPLETED;
			case CANCELLED -> ItemStatus.CANCELLED;
			default -> throw new UnprocessableEntityException("Goal.lifecycleStatus '"
					+ resource.getLifecycleStatus().toCode() + "' is not kept: use proposed, planned, accepted, "
					+ "active, on-hold, completed or cancelled");
		};
	}

	/**
	 * What a CarePlan a client wrote asks of the plan: its activities with an id
	 * ({@code item-<n>}) revise those items, the others are added.
	 * @param existing the plan as it is, or null for a new one
	 */
	static PlanChange plan(org.hl7.fhir.r4.model.CarePlan resource, CarePlan existing, String defaultOwner) {
		if (resource.getStatus() != org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE) {
			throw new UnprocessableEntityException("CarePlan.status: a person's Northstar plan is active, not "
					+ (resource.getStatus() == null ? "empty" : resource.getStatus().toCode()));
		}
		if (!resource.getGoal().isEmpty() && existing == null) {
			throw new UnprocessableEntityException(
					"CarePlan.goal: create the plan first, then each Goal with subject the patient");
		}
		List<ItemRevision> revisions = new ArrayList<>();
		List<ItemDraft> additions = new ArrayList<>();
		int index = 0;
		for (CarePlanActivityComponent activity : resource.getActivity()) {
			String where = "CarePlan.activity[" + index++ + "]";
			CarePlanActivityDetailComponent detail = activity.getDetail();
			String title = detail.getCode().getText();
			if (title == null || title.isBlank()) {
				throw new UnprocessableEntityException(where + ".detail.code.text must say what is to be done");
			}
			BarrierKind barrier = null;
			for (Coding coding : detail.getCode().getCoding()) {
				if (BARRIER_SYSTEM.equals(coding.getSystem())) {
					try {
						barrier = BarrierKind.valueOf(coding.getCode());
					}
					catch (IllegalArgumentException | NullPointerException ex) {
						throw new UnprocessableEntityException(
								where + ".detail.code: " + BARRIER_SYSTEM + " has no code '" + coding.getCode() + "'");
					}
				}
			}
			String owner = detail.getPerformerFirstRep().getDisplay();
			LocalDate due = detail.hasScheduledPeriod() && detail.getScheduledPeriod().hasEnd()
					? LocalDate.parse(detail.getScheduledPeriod().getEndElement().getValueAsString().substring(0, 10))
					: null;
			ItemStatus status = activityStatus(detail.getStatus(), where);
			PlanItem.Kind kind = barrier == null ? PlanItem.Kind.INTERVENTION : PlanItem.Kind.BARRIER;
			String id = activity.getIdElement() == null ? null : activity.getId();
			if (id != null && id.startsWith("item-") && existing != null) {
				long itemId = itemId(id, where);
				PlanItem item = existing.items()
					.stream()
					.filter(i -> i.id() == itemId)
					.findFirst()
					.orElseThrow(() -> new UnprocessableEntityException(
							where + ".id: the plan has no activity '" + id + "'"));
				revisions.add(new ItemRevision(itemId, new ItemDraft(item.kind(), title, barrier,
						detail.getDescription(), owner, due, null, Target.NONE, item.origin()), status));
			}
			else {
				additions.add(new ItemDraft(kind, title, barrier, detail.getDescription(),
						owner == null ? defaultOwner : owner, due, null, Target.NONE, null));
			}
		}
		return new PlanChange(revisions, additions);
	}

	/**
	 * The problems a CarePlan's {@code addresses} adds to the plan: each a recorded
	 * Condition of the person ({@code Condition/<id>}), kept linked to it, or a contained
	 * Condition; those the plan already has ({@code #problem-<n>}, or the same condition)
	 * are left as they are.
	 * @param conditionOf the person's recorded Condition with this id, if it is theirs
	 * @throws UnprocessableEntityException naming the entry that is no condition of the
	 * person's
	 */
	static List<ItemDraft> addressed(org.hl7.fhir.r4.model.CarePlan resource, CarePlan existing,
			java.util.function.Function<UUID, Optional<Condition>> conditionOf) {
		List<ItemDraft> problems = new ArrayList<>();
		List<PlanItem> held = existing == null ? List.of() : existing.problems();
		java.util.Set<String> seen = new java.util.HashSet<>();
		int index = 0;
		for (Reference reference : resource.getAddresses()) {
			String where = "CarePlan.addresses[" + index++ + "]";
			String ref = reference.getReference();
			if (ref == null || ref.isBlank()) {
				throw new UnprocessableEntityException(where + " must refer to a Condition of the patient");
			}
			if (ref.startsWith("#")) {
				String local = ref.substring(1);
				if (local.startsWith("problem-") && held.stream().anyMatch(p -> local.equals("problem-" + p.id()))) {
					continue;
				}
				Condition contained = resource.getContained()
					.stream()
					.filter(r -> r instanceof Condition && local.equals(r.getIdElement().getIdPart().replace("#", "")))
					.map(Condition.class::cast)
					.findFirst()
					.orElseThrow(() -> new UnprocessableEntityException(
							where + " '" + ref + "' names no contained Condition and no problem of the plan"));
				String title = title(contained);
				if (title == null) {
					throw new UnprocessableEntityException(where + ": the contained Condition has no code to name it");
				}
				if (held.stream().noneMatch(p -> p.conditionRef() == null && title.equals(p.title()))
						&& seen.add("#" + title)) {
					problems.add(new ItemDraft(PlanItem.Kind.PROBLEM, title, null, null, null, null,
							contained.getCode().getCodingFirstRep().getCode(), Target.NONE, null, null));
				}
				continue;
			}
			IdType id = new IdType(ref);
			Optional<UUID> uuid = "Condition".equals(id.getResourceType()) ? ClinicalSearch.uuid(id) : Optional.empty();
			Condition condition = uuid.flatMap(conditionOf)
				.orElseThrow(() -> new UnprocessableEntityException(
						where + " '" + ref + "' is not a Condition on the patient's record"));
			String canonical = "Condition/" + uuid.get();
			if (held.stream().anyMatch(p -> canonical.equals(p.conditionRef())) || !seen.add(canonical)) {
				continue;
			}
			String title = title(condition);
			problems.add(new ItemDraft(PlanItem.Kind.PROBLEM, title == null ? canonical : title, null, null, null, null,
					condition.getCode().getCodingFirstRep().getCode(), Target.NONE, null, canonical));
		}
		return problems;
	}

	private static String title(Condition condition) {
		CodeableConcept code = condition.getCode();
		if (code.hasText() && !code.getText().isBlank()) {
			return code.getText().strip();
		}
		return code.getCoding()
			.stream()
			.map(c -> c.hasDisplay() ? c.getDisplay() : null)
			.filter(d -> d != null && !d.isBlank())
			.findFirst()
			.orElse(code.getCodingFirstRep().getCode());
	}

	/** What a CarePlan write changes and adds. */
	record PlanChange(List<ItemRevision> revisions, List<ItemDraft> additions) {
	}

	private static long itemId(String id, String where) {
		try {
			return Long.parseLong(id.substring("item-".length()));
		}
		catch (NumberFormatException ex) {
			throw new UnprocessableEntityException(where + ".id '" + id + "' names no activity of the plan");
		}
	}

	private static ItemStatus activityStatus(CarePlanActivityStatus status, String where) {
		if (status == null) {
			throw new UnprocessableEntityException(where + ".detail.status is required");
		}
		return switch (status) {
			case NOTSTARTED, SCHEDULED, INPROGRESS -> ItemStatus.ACTIVE;
			case ONHOLD -> ItemStatus.ON_HOLD;
			case COMPLETED -> ItemStatus.COMPLETED;
			case CANCELLED, STOPPED -> ItemStatus.CANCELLED;
			default ->
				throw new UnprocessableEntityException(where + ".detail.status '" + status.toCode() + "' is not kept");
		};
	}

	/** The patient a written resource's subject names. */
	static PatientId subject(Reference subject, String where) {
		String reference = subject.getReference();
		if (reference == null || !reference.startsWith("Patient/")) {
			throw new UnprocessableEntityException(where + " must refer to the patient: Patient/<northstar id>");
		}
		try {
			return new PatientId(UUID.fromString(new IdType(reference).getIdPart()));
		}
		catch (IllegalArgumentException ex) {
			throw new UnprocessableEntityException(where + " '" + reference + "' is not a Northstar patient id");
		}
	}

	/**
	 * The version a write was made against: {@code If-Match: W/"3"}, else the body's
	 * {@code meta.versionId}; null when neither says.
	 */
	static Integer expectedVersion(HttpServletRequest request, IdType id,
			org.hl7.fhir.instance.model.api.IBaseResource body, String what, int current) {
		String header = request.getHeader("If-Match");
		if (header != null && !header.isBlank()) {
			int version = version(header.strip().replaceFirst("^W/", "").replace("\"", ""));
			if (version != current) {
				throw new PreconditionFailedException("If-Match names version " + version + " of " + what
						+ ", but it is at version " + current + ": read it again and reapply the change");
			}
			return version;
		}
		String versionId = body.getMeta().getVersionId();
		if (versionId != null) {
			int version = version(versionId);
			if (version != current) {
				throw new ResourceVersionConflictException(
						"The " + what + " sent is version " + version + ", and it is at version " + current + " now");
			}
			return version;
		}
		return id.hasVersionIdPart() ? version(id.getVersionIdPart()) : null;
	}

	private static int version(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("'" + text + "' is not a version of a Northstar care plan or goal");
		}
	}

	private static Quantity quantity(BigDecimal value, String unit) {
		Quantity quantity = new Quantity();
		quantity.setValue(value);
		if (unit != null) {
			quantity.setUnit(unit);
		}
		return quantity;
	}

	private static void meta(org.hl7.fhir.r4.model.DomainResource resource, int version, java.time.Instant updated) {
		resource.getMeta().setVersionId(Integer.toString(version));
		resource.getMeta().setLastUpdated(Date.from(updated));
		resource.getMeta().setSource(SOURCE);
		resource.getMeta().addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, SOURCE, "Source: " + SOURCE));
	}

	static Optional<UUID> uuid(IdType id) {
		return ClinicalSearch.uuid(id);
	}

	static boolean anyOf(Collection<PatientId> records, PatientId patient) {
		return records.contains(patient);
	}

}
