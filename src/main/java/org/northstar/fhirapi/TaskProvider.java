package org.northstar.fhirapi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.northstar.audit.AuditAction;
import org.northstar.audit.AuditDetails;
import org.northstar.fhirapi.FhirAccess.Caller;
import org.northstar.shared.PatientId;
import org.northstar.worklist.TaskChange;
import org.northstar.worklist.TaskPriority;
import org.northstar.worklist.TaskStatus;
import org.northstar.worklist.TaskPage;
import org.northstar.worklist.Tasks;

import org.springframework.stereotype.Component;

/**
 * The worklist's tasks as FHIR Tasks: the one type Northstar owns that clients may
 * create, change and delete. Changes are optimistic: {@code If-Match} (or the body's
 * {@code meta.versionId}) names the version the client read.
 */
@Component
class TaskProvider implements IResourceProvider {

	/** The kinds of task, as codes. */
	static final String KIND_SYSTEM = "urn:northstar:task-kind";

	/** Northstar usernames, as the identifiers of task owners. */
	static final String USER_SYSTEM = "urn:northstar:user";

	private static final Map<TaskStatus, Task.TaskStatus> TO_FHIR = Map.of(TaskStatus.OPEN, Task.TaskStatus.READY,
			TaskStatus.IN_PROGRESS, Task.TaskStatus.INPROGRESS, TaskStatus.ON_HOLD, Task.TaskStatus.ONHOLD,
			TaskStatus.DONE, Task.TaskStatus.COMPLETED, TaskStatus.CANCELLED, Task.TaskStatus.CANCELLED);

	private final Tasks tasks;

	private final FhirAccess access;

	private final BaseR4Validator validator;

	TaskProvider(Tasks tasks, FhirAccess access, BaseR4Validator validator) {
		this.tasks = tasks;
		this.access = access;
		this.validator = validator;
	}

	@Override
	public Class<Task> getResourceType() {
		return Task.class;
	}

	@Read
	public Task read(@IdParam IdType id, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		org.northstar.worklist.Task task = existing(id);
		this.access.openPatient(caller, task.patient(), AuditAction.READ, "GET /fhir/Task/" + task.id(),
				new IdType("Task", id.getIdPart()));
		return toFhir(task);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Task.SP_PATIENT, targetTypes = Patient.class) ReferenceParam patient,
			@OptionalParam(name = Task.SP_STATUS) TokenParam status, @Offset Integer offset, @Count Integer count,
			SummaryEnum summary, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = AuditDetails.request("GET", "/fhir/Task", request.getQueryString());
		int first = offset == null ? 0 : Math.max(0, offset);
		int size = summary == SummaryEnum.COUNT ? 0
				: count == null ? ClinicalSearch.DEFAULT_COUNT : Math.max(0, Math.min(count, ClinicalSearch.MAX_COUNT));
		PatientId named = patient == null ? null : ClinicalSearch.patientId(patient);
		Collection<PatientId> among;
		if (named != null) {
			this.access.openPatient(caller, named, AuditAction.SEARCH, what);
			among = List.of(named);
		}
		else {
			among = this.access.searchablePatients(caller, what);
		}
		String wanted = null;
		if (status != null) {
			wanted = TO_FHIR.entrySet()
				.stream()
				.filter(e -> e.getValue().toCode().equals(status.getValue()))
				.map(e -> e.getKey().name())
				.findFirst()
				.orElse("NONE");
		}
		TaskPage page = this.tasks.search(among, wanted, null, first, size);
		if (named == null) {
			this.access.auditSearch(caller, what, page.total(),
					page.tasks()
						.stream()
						.map(org.northstar.worklist.Task::patient)
						.collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
		}
		return ClinicalSearch.page(page.tasks().stream().map(TaskProvider::toFhir).toList(), page.total(), first, size);
	}

	@Create
	public MethodOutcome create(@ResourceParam Task resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "POST /fhir/Task";
		this.access.requireWrite(caller, AuditAction.CREATE, what);
		this.validator.requireValid(resource);
		TaskChange change = change(resource, caller, null);
		this.access.openPatient(caller, change.patient(), AuditAction.CREATE, what);
		org.northstar.worklist.Task created;
		try {
			created = this.tasks.create(change, caller.user().username());
		}
		catch (IllegalArgumentException ex) {
			throw new UnprocessableEntityException(ex.getMessage());
		}
		Task body = toFhir(created);
		MethodOutcome outcome = new MethodOutcome(body.getIdElement(), true);
		outcome.setResource(body);
		return outcome;
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam Task resource, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "PUT /fhir/Task/" + id.getIdPart();
		this.access.requireWrite(caller, AuditAction.UPDATE, what);
		org.northstar.worklist.Task current = existing(id);
		this.access.openPatient(caller, current.patient(), AuditAction.UPDATE, what,
				new IdType("Task", id.getIdPart()));
		this.validator.requireValid(resource);
		Integer ifMatch = ifMatch(request, id);
		int expected;
		if (ifMatch != null) {
			if (ifMatch != current.version()) {
				throw new PreconditionFailedException("If-Match names version " + ifMatch + " of Task/" + current.id()
						+ ", but it is at version " + current.version() + ": read it again and reapply the change");
			}
			expected = ifMatch;
		}
		else if (resource.getMeta().hasVersionId()) {
			expected = parseVersion(resource.getMeta().getVersionId());
			if (expected != current.version()) {
				throw new ResourceVersionConflictException("The Task sent is version " + expected + " of Task/"
						+ current.id() + ", which is at version " + current.version() + " now");
			}
		}
		else {
			expected = current.version();
		}
		TaskChange change = change(resource, caller, current.owner());
		if (!change.patient().equals(current.patient())) {
			throw new UnprocessableEntityException("A task cannot move to another patient: Task/" + current.id()
					+ " is for Patient/" + current.patient());
		}
		try {
			org.northstar.worklist.Task updated = this.tasks
				.update(current.id(), expected, change, caller.user().username())
				.orElseThrow(() -> new ResourceNotFoundException(id));
			Task body = toFhir(updated);
			MethodOutcome outcome = new MethodOutcome(body.getIdElement(), false);
			outcome.setResource(body);
			return outcome;
		}
		catch (Tasks.VersionConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			// A status that may not follow the task's, or a completion undone too late.
			throw new UnprocessableEntityException("Task/" + current.id() + ": " + ex.getMessage());
		}
	}

	@Delete
	public MethodOutcome delete(@IdParam IdType id, HttpServletRequest request) {
		Caller caller = this.access.caller(request);
		String what = "DELETE /fhir/Task/" + id.getIdPart();
		this.access.requireWrite(caller, AuditAction.DELETE, what);
		org.northstar.worklist.Task current = existing(id);
		this.access.openPatient(caller, current.patient(), AuditAction.DELETE, what,
				new IdType("Task", id.getIdPart()));
		Integer ifMatch = ifMatch(request, id);
		if (ifMatch != null && ifMatch != current.version()) {
			throw new PreconditionFailedException("If-Match names version " + ifMatch + " of Task/" + current.id()
					+ ", but it is at version " + current.version());
		}
		try {
			this.tasks.delete(current.id(), ifMatch == null ? current.version() : ifMatch);
		}
		catch (Tasks.VersionConflictException ex) {
			throw new ResourceVersionConflictException(ex.getMessage());
		}
		return new MethodOutcome();
	}

	static Task toFhir(org.northstar.worklist.Task task) {
		Task resource = new Task();
		resource.setId(new IdType("Task", Long.toString(task.id()), Integer.toString(task.version())));
		resource.getMeta().setVersionId(Integer.toString(task.version()));
		resource.getMeta().setLastUpdated(Date.from(task.updatedAt()));
		resource.getMeta().setSource("northstar");
		resource.getMeta().addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, "northstar", "Source: northstar"));
		resource.setStatus(TO_FHIR.get(task.status()));
		resource.setIntent(Task.TaskIntent.ORDER);
		resource.setPriority(Task.TaskPriority.fromCode(task.priority().code()));
		resource.getCode().addCoding(new Coding(KIND_SYSTEM, task.kind().name(), null));
		resource.setDescription(task.title());
		resource.setFor(new Reference("Patient/" + task.patient()));
		if (task.encounter() != null) {
			resource.setFocus(new Reference("Encounter/" + task.encounter()));
		}
		resource.setAuthoredOn(Date.from(task.createdAt()));
		resource.setLastModified(Date.from(task.updatedAt()));
		if (task.owner() != null) {
			resource
				.setOwner(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(task.owner()))
					.setDisplay(task.owner()));
		}
		resource.getRestriction().getPeriod().setEndElement(new DateTimeType(task.dueOn().toString()));
		return resource;
	}

	/** What a Task sent by a client asks for; 422 for what Northstar cannot keep. */
	private static TaskChange change(Task resource, Caller caller, String currentOwner) {
		String reference = resource.getFor().getReference();
		if (reference == null || !reference.startsWith("Patient/")) {
			throw new UnprocessableEntityException("Task.for must refer to the patient: Patient/<northstar id>");
		}
		PatientId patient;
		try {
			patient = new PatientId(UUID.fromString(new IdType(reference).getIdPart()));
		}
		catch (IllegalArgumentException ex) {
			throw new UnprocessableEntityException("Task.for '" + reference + "' is not a Northstar patient id");
		}
		TaskStatus status = TO_FHIR.entrySet()
			.stream()
			.filter(e -> e.getValue() == resource.getStatus())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(resource.getStatus() == Task.TaskStatus.REQUESTED ? TaskStatus.OPEN : null);
		if (status == null) {
			throw new UnprocessableEntityException("Task.status must be requested or ready (open), in-progress,"
					+ " on-hold, completed or cancelled, not "
					+ (resource.getStatus() == null ? "empty" : resource.getStatus().toCode()));
		}
		TaskPriority priority = resource.hasPriority() ? TaskPriority.of(resource.getPriority().toCode())
				: TaskPriority.ROUTINE;
		if (!resource.hasDescription() || resource.getDescription().isBlank()) {
			throw new UnprocessableEntityException("Task.description must say what is to be done");
		}
		if (!resource.getRestriction().getPeriod().hasEnd()) {
			throw new UnprocessableEntityException("Task.restriction.period.end must give the date the task is due");
		}
		LocalDate due = LocalDate
			.parse(resource.getRestriction().getPeriod().getEndElement().getValueAsString().substring(0, 10));
		org.northstar.worklist.Task.Kind kind = org.northstar.worklist.Task.Kind.OTHER;
		for (Coding coding : resource.getCode().getCoding()) {
			if (KIND_SYSTEM.equals(coding.getSystem())) {
				try {
					kind = org.northstar.worklist.Task.Kind.valueOf(coding.getCode());
				}
				catch (IllegalArgumentException | NullPointerException ex) {
					throw new UnprocessableEntityException(
							"Task.code: " + KIND_SYSTEM + " has no code '" + coding.getCode() + "'");
				}
			}
		}
		String owner = Optional.ofNullable(resource.getOwner().getIdentifier())
			.filter(i -> USER_SYSTEM.equals(i.getSystem()) && i.hasValue())
			.map(Identifier::getValue)
			.orElse(currentOwner != null ? currentOwner : caller.user().username());
		return new TaskChange(patient, owner, kind, resource.getDescription().strip(), due, status, priority, null,
				null);
	}

	private org.northstar.worklist.Task existing(IdType id) {
		long taskId;
		try {
			taskId = Long.parseLong(id.getIdPart());
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException(new IdType("Task", id.getIdPart()));
		}
		return this.tasks.find(taskId)
			.orElseThrow(() -> new ResourceNotFoundException(new IdType("Task", id.getIdPart())));
	}

	/** The version an {@code If-Match: W/"3"} header names, if any. */
	private static Integer ifMatch(HttpServletRequest request, IdType id) {
		String header = request.getHeader("If-Match");
		if (header == null || header.isBlank()) {
			return id.hasVersionIdPart() ? parseVersion(id.getVersionIdPart()) : null;
		}
		String value = header.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		return parseVersion(value.replace("\"", ""));
	}

	private static int parseVersion(String version) {
		try {
			return Integer.parseInt(version.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException("'" + version + "' is not a version of a Northstar task");
		}
	}

}
