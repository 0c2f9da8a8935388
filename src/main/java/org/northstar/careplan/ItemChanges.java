package org.northstar.careplan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The fields that differ between two states of an item, as the history keeps them. */
final class ItemChanges {

	private ItemChanges() {
	}

	/** One field's value before and after, as text; null for no value. */
	record FieldChange(String field, String before, String after) {
	}

	static List<FieldChange> between(ItemDraft before, ItemStatus statusBefore, ItemDraft after,
			ItemStatus statusAfter) {
		List<FieldChange> changes = new ArrayList<>();
		add(changes, "title", before.title(), after.title());
		add(changes, "barrierKind", name(before.barrierKind()), name(after.barrierKind()));
		add(changes, "action", before.action(), after.action());
		add(changes, "owner", before.owner(), after.owner());
		add(changes, "dueOn", text(before.dueOn()), text(after.dueOn()));
		add(changes, "status", name(statusBefore), name(statusAfter));
		add(changes, "condition", before.conditionCode(), after.conditionCode());
		add(changes, "conditionRef", before.conditionRef(), after.conditionRef());
		Target b = before.target();
		Target a = after.target();
		add(changes, "target", b.text(), a.text());
		add(changes, "measure", b.measureCode(), a.measureCode());
		add(changes, "targetLow", digits(b.low()), digits(a.low()));
		add(changes, "targetHigh", digits(b.high()), digits(a.high()));
		add(changes, "targetUnit", b.unit(), a.unit());
		return changes;
	}

	private static void add(List<FieldChange> changes, String field, String before, String after) {
		// 7 and 7.0 are different targets as written: compared as text, every digit kept.
		if (!Objects.equals(before, after)) {
			changes.add(new FieldChange(field, before, after));
		}
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static String digits(BigDecimal value) {
		return value == null ? null : value.toPlainString();
	}

}
