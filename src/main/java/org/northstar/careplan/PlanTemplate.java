package org.northstar.careplan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A program's plan as its FHIR PlanDefinition describes it, read into what applying it
 * makes: the problems its goals address, its goals, and its actions (each an
 * ActivityDefinition) as interventions.
 *
 * @param id the PlanDefinition's id ({@code heart-failure})
 * @param url its canonical URL
 * @param items what applying it adds, due a number of days after it is applied
 */
public record PlanTemplate(String id, String url, String version, String title, String description,
		List<TemplateItem> items) {

	/** How items made from a template say so: {@code template:<id>}. */
	public static final String ORIGIN_PREFIX = "template:";

	public PlanTemplate {
		items = List.copyOf(items);
	}

	/**
	 * One item a template makes.
	 *
	 * @param dueInDays days from applying to its due date, or null for none
	 */
	public record TemplateItem(PlanItem.Kind kind, String title, String action, String owner, Integer dueInDays,
			String conditionCode, Target target) {
	}

	/** The items applying it on {@code today} adds, each marked as coming from it. */
	public List<ItemDraft> drafts(LocalDate today) {
		List<ItemDraft> drafts = new ArrayList<>();
		for (TemplateItem item : this.items) {
			drafts.add(new ItemDraft(item.kind(), item.title(), null, item.action(), item.owner(),
					item.dueInDays() == null ? null : today.plusDays(item.dueInDays()), item.conditionCode(),
					item.target(), ORIGIN_PREFIX + this.id));
		}
		return drafts;
	}

	public List<TemplateItem> items(PlanItem.Kind kind) {
		return this.items.stream().filter(i -> i.kind() == kind).toList();
	}

}
