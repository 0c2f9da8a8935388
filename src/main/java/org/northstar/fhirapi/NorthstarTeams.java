package org.northstar.fhirapi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CareTeam.CareTeamParticipantComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.northstar.careplan.CareTeamMember;
import org.northstar.careplan.CareTeams.MemberRevision;
import org.northstar.careplan.Channel;
import org.northstar.careplan.MemberDraft;

/**
 * Northstar's care team of a person as a FHIR {@code CareTeam}, and the way back from
 * what a client writes. Each member is a participant ({@code member-<n>}) whose member is
 * a contained Practitioner with their name, phone, e-mail and, for a Northstar user,
 * their user name; their organisation is {@code onBehalfOf.display}; their membership is
 * the participant's period. The preferred channel and the version of the plan they last
 * saw are extensions; the version seen is read-only here (it is recorded by sending or
 * showing the plan).
 */
final class NorthstarTeams {

	static final String CHANNEL_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/preferred-channel";

	static final String SEEN_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/plan-version-seen";

	static final String END_REASON_EXTENSION = "https://northstar.example.org/fhir/StructureDefinition/membership-end-reason";

	/** Northstar user names, as a contained Practitioner's identifier. */
	static final String USERNAME_SYSTEM = "urn:northstar:username";

	private NorthstarTeams() {
	}

	static CareTeam toFhir(org.northstar.careplan.CareTeam team) {
		CareTeam resource = new CareTeam();
		resource.setId(new IdType("CareTeam", team.fhirId().toString(), Integer.toString(team.version())));
		resource.getMeta().setVersionId(Integer.toString(team.version()));
		resource.getMeta().setLastUpdated(Date.from(team.updatedAt()));
		resource.getMeta().setSource(NorthstarPlans.SOURCE);
		resource.getMeta()
			.addTag(new Coding(SourceResourceMapper.SOURCE_TAG_SYSTEM, NorthstarPlans.SOURCE,
					"Source: " + NorthstarPlans.SOURCE));
		resource.setStatus(CareTeam.CareTeamStatus.ACTIVE);
		resource.setName("Care team");
		resource.setSubject(new Reference("Patient/" + team.patient()));
		for (CareTeamMember m : team.members()) {
			Practitioner person = new Practitioner();
			person.setId(m.participantId());
			person.addName().setText(m.name());
			if (m.username() != null) {
				person.addIdentifier().setSystem(USERNAME_SYSTEM).setValue(m.username());
			}
			if (m.phone() != null) {
				person.addTelecom(telecom(ContactPoint.ContactPointSystem.PHONE, m.phone(), m.channel()));
			}
			if (m.email() != null) {
				person.addTelecom(telecom(ContactPoint.ContactPointSystem.EMAIL, m.email(), m.channel()));
			}
			resource.addContained(person);
			CareTeamParticipantComponent participant = resource.addParticipant();
			participant.setId(m.participantId());
			participant.addRole(new CodeableConcept().setText(m.role()));
			participant.setMember(new Reference("#" + m.participantId()).setDisplay(m.name()));
			if (m.organisation() != null) {
				participant.setOnBehalfOf(new Reference().setDisplay(m.organisation()));
			}
			Period period = new Period().setStartElement(new DateTimeType(m.startedOn().toString()));
			if (m.endedOn() != null) {
				period.setEndElement(new DateTimeType(m.endedOn().toString()));
			}
			participant.setPeriod(period);
			if (m.channel() != null) {
				participant.addExtension(new Extension(CHANNEL_EXTENSION, new CodeType(m.channel().name())));
			}
			if (m.seenVersion() != null) {
				participant.addExtension(new Extension(SEEN_EXTENSION, new IntegerType(m.seenVersion())));
			}
			if (m.endReason() != null) {
				participant.addExtension(new Extension(END_REASON_EXTENSION, new StringType(m.endReason())));
			}
		}
		return resource;
	}

	private static ContactPoint telecom(ContactPoint.ContactPointSystem system, String value, Channel preferred) {
		ContactPoint point = new ContactPoint().setSystem(system).setValue(value);
		boolean first = switch (system) {
			case PHONE -> preferred == Channel.PHONE || preferred == Channel.SMS;
			case EMAIL -> preferred == Channel.EMAIL;
			default -> false;
		};
		if (first) {
			point.setRank(1);
		}
		return point;
	}

	/** What a CareTeam a client wrote asks of the team. */
	record TeamChange(List<MemberRevision> revisions, List<MemberDraft> additions) {
	}

	/**
	 * Reads the participants: those with an id ({@code member-<n>}) revise those members,
	 * the others join. 422 naming the participant for what Northstar cannot keep.
	 * @param existing the team as it is, or null for a new one
	 */
	static TeamChange team(CareTeam resource, org.northstar.careplan.CareTeam existing, LocalDate today) {
		List<MemberRevision> revisions = new ArrayList<>();
		List<MemberDraft> additions = new ArrayList<>();
		int index = 0;
		for (CareTeamParticipantComponent participant : resource.getParticipant()) {
			String where = "CareTeam.participant[" + index++ + "]";
			String role = participant.getRoleFirstRep().getText();
			if ((role == null || role.isBlank()) && participant.getRoleFirstRep().hasCoding()) {
				role = participant.getRoleFirstRep().getCodingFirstRep().getDisplay();
			}
			if (role == null || role.isBlank()) {
				throw new UnprocessableEntityException(where + ".role: say what the member does, as text");
			}
			Reference member = participant.getMember();
			Practitioner person = contained(resource, member, where);
			String name = person != null && person.hasName() ? name(person) : member.getDisplay();
			if (name == null || name.isBlank()) {
				throw new UnprocessableEntityException(where + ".member: name the member (a contained Practitioner's "
						+ "name, or the reference's display)");
			}
			String username = null;
			String phone = null;
			String email = null;
			if (person != null) {
				username = person.getIdentifier()
					.stream()
					.filter(i -> USERNAME_SYSTEM.equals(i.getSystem()))
					.map(i -> i.getValue())
					.findFirst()
					.orElse(null);
				for (ContactPoint point : person.getTelecom()) {
					if (point.getSystem() == ContactPoint.ContactPointSystem.PHONE && phone == null) {
						phone = point.getValue();
					}
					else if (point.getSystem() == ContactPoint.ContactPointSystem.EMAIL && email == null) {
						email = point.getValue();
					}
				}
			}
			Channel channel = null;
			Extension preferred = participant.getExtensionByUrl(CHANNEL_EXTENSION);
			if (preferred != null) {
				String code = preferred.getValue() == null ? null : preferred.getValue().primitiveValue();
				try {
					channel = Channel.valueOf(code);
				}
				catch (IllegalArgumentException | NullPointerException ex) {
					throw new UnprocessableEntityException(where + ".extension(preferred-channel): '" + code
							+ "' is none of " + java.util.Arrays.toString(Channel.values()));
				}
			}
			Period period = participant.getPeriod();
			LocalDate started = period.hasStart() ? day(period.getStartElement()) : today;
			LocalDate ended = period.hasEnd() ? day(period.getEndElement()) : null;
			Extension reason = participant.getExtensionByUrl(END_REASON_EXTENSION);
			MemberDraft draft = new MemberDraft(username, name, role, participant.getOnBehalfOf().getDisplay(), phone,
					email, channel, started);
			String id = participant.getIdElement() == null ? null : participant.getId();
			if (id != null && id.startsWith("member-") && existing != null) {
				long memberId = memberId(id, where);
				if (existing.member(memberId).isEmpty()) {
					throw new UnprocessableEntityException(where + ".id: the care team has no member '" + id + "'");
				}
				revisions.add(new MemberRevision(memberId, draft, ended,
						reason == null || reason.getValue() == null ? null : reason.getValue().primitiveValue()));
			}
			else {
				if (ended != null) {
					throw new UnprocessableEntityException(
							where + ".period.end: a new member joins the team; end the membership afterwards");
				}
				additions.add(draft);
			}
		}
		return new TeamChange(revisions, additions);
	}

	private static Practitioner contained(CareTeam resource, Reference member, String where) {
		String ref = member.getReference();
		if (ref == null) {
			return null;
		}
		if (!ref.startsWith("#")) {
			throw new UnprocessableEntityException(where + ".member '" + ref
					+ "': give the member as a contained Practitioner (with name and telecom), or by display only");
		}
		String local = ref.substring(1);
		Optional<Resource> found = resource.getContained()
			.stream()
			.filter(r -> local.equals(r.getIdElement().getIdPart().replace("#", "")))
			.findFirst();
		if (found.isEmpty() || !(found.get() instanceof Practitioner practitioner)) {
			throw new UnprocessableEntityException(where + ".member '" + ref + "' names no contained Practitioner");
		}
		return practitioner;
	}

	private static String name(Practitioner person) {
		var name = person.getNameFirstRep();
		if (name.hasText()) {
			return name.getText();
		}
		String given = String.join(" ", name.getGiven().stream().map(StringType::getValue).toList());
		return (given + " " + (name.hasFamily() ? name.getFamily() : "")).strip();
	}

	private static LocalDate day(DateTimeType value) {
		return LocalDate.parse(value.getValueAsString().substring(0, 10));
	}

	private static long memberId(String id, String where) {
		try {
			return Long.parseLong(id.substring("member-".length()));
		}
		catch (NumberFormatException ex) {
			throw new UnprocessableEntityException(where + ".id '" + id + "' names no member of the care team");
		}
	}

}
