/**
 * Who may do what: user accounts and their roles, the administrator created with every
 * new database, and the bearer tokens API clients present on {@code /fhir} and
 * {@code /api}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.northstar.security;
