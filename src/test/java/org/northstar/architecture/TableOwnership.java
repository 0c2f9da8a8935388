package org.northstar.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Which module owns each table, and a rule that no module's SQL touches another's tables.
 * SQL is read from the compiled classes' string constants (text blocks and literals, with
 * constant parts already joined by the compiler), so what is checked is what runs.
 */
final class TableOwnership {

	/**
	 * Every table the migrations create, and the module that owns it. A new table must be
	 * added here: {@code ArchitectureTests} fails on a table without an owner.
	 */
	static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("patient", "patient"),
			Map.entry("patient_identifier", "patient"), Map.entry("patient_link", "patient"),
			Map.entry("link_candidate", "patient"), Map.entry("patient_blocking_key", "patient"),
			Map.entry("patient_unlink", "patient"), Map.entry("source_resource", "clinical"),
			Map.entry("resource_identifier", "clinical"), Map.entry("encounter", "clinical"),
			Map.entry("condition", "clinical"), Map.entry("observation", "clinical"),
			Map.entry("medication_request", "clinical"), Map.entry("medication_use", "clinical"),
			Map.entry("procedure", "clinical"), Map.entry("allergy_intolerance", "clinical"),
			Map.entry("immunization", "clinical"), Map.entry("imported_file", "ingest"),
			Map.entry("import_failure", "ingest"), Map.entry("hl7_message", "ingest"),
			Map.entry("app_user", "security"), Map.entry("team", "security"), Map.entry("api_token", "security"),
			Map.entry("sign_in_throttle", "security"), Map.entry("caseload_assignment", "caseload"),
			Map.entry("attribution_rule", "caseload"), Map.entry("emergency_access", "caseload"),
			Map.entry("audit_event", "audit"), Map.entry("overnight_review", "worklist"), Map.entry("task", "worklist"),
			Map.entry("task_history", "worklist"), Map.entry("today_snooze", "worklist"),
			Map.entry("transition_of_care", "worklist"), Map.entry("tcm_complexity", "worklist"),
			Map.entry("notification", "notification"), Map.entry("event_publication", "reactions"),
			Map.entry("reaction_failure", "reactions"), Map.entry("database_kind", "database"),
			Map.entry("risk_assessment", "risk"), Map.entry("interaction", "documentation"),
			Map.entry("interaction_addendum", "documentation"), Map.entry("care_consent", "documentation"),
			Map.entry("care_consent_revocation", "documentation"), Map.entry("interaction_draft", "documentation"),
			Map.entry("quick_text", "documentation"), Map.entry("medication_reconciliation", "medication"),
			Map.entry("medication_reconciliation_line", "medication"),
			Map.entry("medication_affordability", "medication"), Map.entry("clinic_location", "scheduling"),
			Map.entry("clinic_provider", "scheduling"), Map.entry("clinic_schedule", "scheduling"),
			Map.entry("clinic_slot", "scheduling"), Map.entry("clinic_session", "scheduling"),
			Map.entry("clinic_closure", "scheduling"), Map.entry("clinic_visit_type", "scheduling"),
			Map.entry("person_commitment", "scheduling"), Map.entry("person_travel", "scheduling"),
			Map.entry("appointment", "scheduling"), Map.entry("telehealth_readiness", "scheduling"),
			Map.entry("appointment_reminder", "scheduling"), Map.entry("ride_booking", "scheduling"),
			Map.entry("sms_reminder_choice", "scheduling"), Map.entry("care_plan", "careplan"),
			Map.entry("care_plan_item", "careplan"), Map.entry("care_plan_note", "careplan"),
			Map.entry("care_plan_change", "careplan"), Map.entry("care_team_member", "careplan"),
			Map.entry("care_team_change", "careplan"), Map.entry("care_plan_share", "careplan"),
			Map.entry("handoff_note", "careplan"), Map.entry("idt_meeting", "meetings"),
			Map.entry("idt_agenda_item", "meetings"), Map.entry("idt_agenda_reason", "meetings"),
			Map.entry("idt_decision", "meetings"), Map.entry("victory", "meetings"),
			Map.entry("family_conference", "meetings"), Map.entry("transition_stay", "worklist"));

	/**
	 * A string the compiler keeps that reads as SQL: a statement's verb with what it acts
	 * on. Messages such as "unlink from patient 42" are not SQL.
	 */
	private static final Pattern SQL = Pattern.compile(
			"(?is)\\b(select\\b.*\\bfrom|insert\\s+into|delete\\s+from|update\\s+\\w+(\\s+\\w+)?\\s+set|truncate|copy\\s+\\w+|(create|alter|lock)\\s+table)\\b");

	/** Where a table is named in SQL. */
	private static final Pattern TABLE = Pattern
		.compile("(?i)\\b(?:from|join|into|update|table|truncate|copy|using)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)");

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

	private TableOwnership() {
	}

	/**
	 * No class's SQL names a table another module owns.
	 * @param root the package whose sub-packages are the modules
	 * @param allowed per class (fully qualified name), the other modules' tables it may
	 * name, each with a reason kept beside it where it is declared
	 */
	static ArchRule sqlTouchesOnlyItsModulesTables(String root, Map<String, Set<String>> allowed) {
		return classes().that()
			.resideInAPackage(root + "..")
			.should(new ArchCondition<JavaClass>("name only their own module's tables in SQL") {
				@Override
				public void check(JavaClass type, ConditionEvents events) {
					String module = moduleOf(root, type);
					if (module == null) {
						return;
					}
					for (String table : tablesNamedBy(type)) {
						String owner = OWNERS.get(table);
						if (owner != null && !owner.equals(module)
								&& !allowed.getOrDefault(type.getName(), Set.of()).contains(table)) {
							events.add(SimpleConditionEvent.violated(type, "%s in module %s names table %s of module %s"
								.formatted(type.getName(), module, table, owner)));
						}
					}
				}
			})
			.as("SQL touches only its own module's tables");
	}

	/** The tables the migrations create, from their text. */
	static Set<String> createdBy(List<String> migrations) {
		Set<String> tables = new TreeSet<>();
		for (String sql : migrations) {
			Matcher m = CREATE_TABLE.matcher(sql);
			while (m.find()) {
				tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
			}
		}
		return tables;
	}

	/** The first package under the root, or null for a class in the root itself. */
	private static String moduleOf(String root, JavaClass type) {
		String pkg = type.getPackageName();
		if (!pkg.startsWith(root + ".")) {
			return null;
		}
		String rest = pkg.substring(root.length() + 1);
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	static Set<String> tablesNamedBy(JavaClass type) {
		Set<String> tables = new TreeSet<>();
		for (String constant : stringConstants(type)) {
			if (!SQL.matcher(constant).find()) {
				continue;
			}
			Matcher m = TABLE.matcher(constant);
			while (m.find()) {
				tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
			}
		}
		return tables;
	}

	/** The UTF-8 entries of the class file's constant pool (JVMS §4.4). */
	private static List<String> stringConstants(JavaClass type) {
		byte[] bytes;
		try (InputStream in = type.getSource().orElseThrow().getUri().toURL().openStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the class file of " + type.getName(), ex);
		}
		List<String> strings = new ArrayList<>();
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			in.skipBytes(8);
			int count = in.readUnsignedShort();
			for (int i = 1; i < count; i++) {
				int tag = in.readUnsignedByte();
				switch (tag) {
					case 1 -> strings.add(in.readUTF());
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
					case 5, 6 -> {
						in.skipBytes(8);
						i++;
					}
					case 7, 8, 16, 19, 20 -> in.skipBytes(2);
					case 15 -> in.skipBytes(3);
					default ->
						throw new IllegalStateException("Unknown constant pool tag " + tag + " in " + type.getName());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the constant pool of " + type.getName(), ex);
		}
		return strings;
	}

}
