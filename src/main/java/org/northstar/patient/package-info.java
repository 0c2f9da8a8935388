/**
 * People: demographics, identifiers from every source, language and contact, and record
 * linkage across sources ({@link org.northstar.patient.RecordLinkage}; the matcher itself
 * is internal, in {@code linkage}). Each source's record stays its own row; linkage says
 * which rows are one person. Other modules refer to a patient by
 * {@link org.northstar.shared.PatientId}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Patient")
package org.northstar.patient;
