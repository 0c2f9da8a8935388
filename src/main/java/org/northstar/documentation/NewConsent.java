package org.northstar.documentation;

/** A consent to record, as a client sent it. */
public record NewConsent(String program, String kind, String obtainedAt, String obtainedBy, Boolean disclosuresGiven) {

}
