package org.northstar.architecture.violation.patient;

/**
 * Deliberately uses Spring Web in a domain module, so the rule's test can see it fail.
 */
class WebInDomain {

	org.springframework.web.bind.annotation.RequestMethod method;

}
