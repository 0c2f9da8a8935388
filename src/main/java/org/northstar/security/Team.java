package org.northstar.security;

/**
 * A team whose members share their caseloads.
 *
 * @param code what accounts refer to it by, e.g. {@code north}
 * @param name what people call it, e.g. "North team"
 */
public record Team(String code, String name) {
}
