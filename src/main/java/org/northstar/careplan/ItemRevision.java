package org.northstar.careplan;

/** A change to one existing item, within a revision of the whole plan. */
public record ItemRevision(long itemId, ItemDraft draft, ItemStatus status) {
}
