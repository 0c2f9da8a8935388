package org.northstar.tools.synthea;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Whether a patient bundle shows recent hospital use: an encounter of class inpatient
 * ({@code IMP}) or emergency ({@code EMER}) that began on or after a given day. Read from the
 * written bundle, so it judges exactly what a reader of the file will see (after
 * {@code exporter.years_of_history} has trimmed it).
 */
final class HospitalUse {

  private static final Set<String> HOSPITAL_CLASSES = Set.of("IMP", "EMER");

  private HospitalUse() {
  }

  static boolean since(Path bundle, LocalDate day) throws IOException {
    try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
      for (JsonElement entry : JsonParser.parseReader(in).getAsJsonObject().getAsJsonArray("entry")) {
        JsonObject resource = entry.getAsJsonObject().getAsJsonObject("resource");
        if (resource != null && isHospitalEncounter(resource) && beganOnOrAfter(resource, day)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isHospitalEncounter(JsonObject resource) {
    if (!"Encounter".equals(string(resource, "resourceType"))) {
      return false;
    }
    JsonElement type = resource.get("class");
    return type != null && type.isJsonObject()
        && HOSPITAL_CLASSES.contains(string(type.getAsJsonObject(), "code"));
  }

  private static boolean beganOnOrAfter(JsonObject encounter, LocalDate day) {
    JsonElement period = encounter.get("period");
    if (period == null || !period.isJsonObject()) {
      return false;
    }
    String start = string(period.getAsJsonObject(), "start");
    if (start == null) {
      return false;
    }
    try {
      return !OffsetDateTime.parse(start).toLocalDate().isBefore(day);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String string(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
