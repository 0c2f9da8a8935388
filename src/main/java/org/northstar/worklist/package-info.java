/**
 * What each coordinator should do next, and why. Today: the overnight admissions review,
 * the admissions, ED visits and discharges of the user's patients since they last
 * reviewed them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Worklist")
package org.northstar.worklist;
