/**
 * The coordinator's pages: sign-in, the caseload, the patient page, and the
 * administrator's audit report and user management. Server-rendered with Thymeleaf and
 * htmx; no JavaScript build step. An edge: it calls module APIs, and every patient read
 * passes {@link org.northstar.caseload.PatientAccess}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.northstar.web;
