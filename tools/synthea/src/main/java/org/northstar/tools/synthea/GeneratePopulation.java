package org.northstar.tools.synthea;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.mitre.synthea.engine.Generator;
import org.mitre.synthea.export.Exporter;
import org.mitre.synthea.helpers.Config;

/**
 * Generates a synthetic patient population with Synthea, in-process, writing ONLY FHIR R4
 * transaction bundles directly into the output directory as {@code DIR/*.json}.
 *
 * <p>Besides one bundle per patient, Synthea's hospital and practitioner bundles are written too
 * (renamed to {@code hospitalInformation.json} / {@code practitionerInformation.json}): patient
 * bundles reference {@code Organization?identifier=...} and {@code Practitioner?identifier=...}
 * conditionally, so those two bundles must be loaded first.
 *
 * <pre>
 * java -jar northstar-synthea.jar --patients N --seed S --out DIR [options]
 * </pre>
 */
public final class GeneratePopulation {

  static final String USAGE = String.join("\n",
      "Usage: java -jar northstar-synthea.jar --patients N --seed S --out DIR [options]",
      "  --patients N            number of living patients to generate (1..100000)",
      "  --seed S                population seed (long)",
      "  --out DIR               output directory; receives the FHIR R4 bundles as DIR/*.json",
      "Options:",
      "  --state NAME            US state (default: Massachusetts)",
      "  --city NAME             city within the state (default: any)",
      "  --years-of-history N    years of history kept in bundles (default: 10; 0 = all)",
      "  --reference-date DATE   simulation end date, yyyy-MM-dd (default: 2026-01-01)",
      "  --clinician-seed S      clinician seed (default: same as --seed)",
      "  --threads N             generator threads (default: 1, most reproducible)",
      "  --include-deceased      also export deceased patients (default: living only)",
      "  --ages MIN-MAX          only people of these ages at the reference date (default: any)",
      "  --keep-module FILE      Synthea keep module: a person whose run of it does not end in",
      "                          its state named Keep is replaced by another (default: none)",
      "  --hospital-use-months M write only patients with an inpatient or emergency encounter",
      "                          that began in the M months before the reference date",
      "                          (default: 0, no such filter)",
      "  --max-patient-kb K      write only patient bundles of at most K KB as written",
      "                          (keeps a committed sample small; default: no limit)",
      "  --limit N               write at most N patient bundles: the first N, by file name,",
      "                          of those that pass the filters (default: all)",
      "  --plain-names           names without Synthea's numeric suffixes (\"Maria Lopez\",",
      "                          not \"Maria123 Lopez456\"; default: with them)",
      "  --compact               write minified JSON (default: pretty-printed)",
      "  --exclude-resources L   comma-separated FHIR resource types to leave out",
      "                          (e.g. ExplanationOfBenefit,Claim; default: none)",
      "  --clean                 delete existing *.json in DIR first (otherwise DIR must have none)",
      "  --help                  show this help");

  /** Thrown for bad command-line arguments; message is shown to the user. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** Parsed command-line arguments. */
  static final class Args {
    int patients = -1;
    Long seed;
    Path out;
    String state = "Massachusetts";
    String city;
    int yearsOfHistory = 10;
    LocalDate referenceDate = LocalDate.of(2026, 1, 1);
    Long clinicianSeed;
    int threads = 1;
    boolean includeDeceased;
    Integer minAge;
    Integer maxAge;
    Path keepModule;
    int hospitalUseMonths;
    long maxPatientBytes = Long.MAX_VALUE;
    int limit = Integer.MAX_VALUE;
    boolean plainNames;
    boolean clean;
    boolean compact;
    String excludeResources = "";
    boolean help;
  }

  private GeneratePopulation() {
  }

  public static void main(String[] argv) {
    Args args;
    try {
      args = parse(argv);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (args.help) {
      System.out.println(USAGE);
      return;
    }
    try {
      run(args, System.out);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      System.err.println("error: generation failed: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
    // Synthea may leave non-daemon threads behind; make sure the JVM ends.
    System.exit(0);
  }

  static Args parse(String[] argv) throws UsageException {
    Args a = new Args();
    for (int i = 0; i < argv.length; i++) {
      String opt = argv[i];
      switch (opt) {
        case "--help":
        case "-h":
          a.help = true;
          return a;
        case "--include-deceased":
          a.includeDeceased = true;
          continue;
        case "--clean":
          a.clean = true;
          continue;
        case "--compact":
          a.compact = true;
          continue;
        case "--plain-names":
          a.plainNames = true;
          continue;
        default:
          break;
      }
      if (i + 1 >= argv.length) {
        throw new UsageException(opt.startsWith("--")
            ? "missing value for " + opt : "unexpected argument: " + opt);
      }
      String val = argv[++i];
      switch (opt) {
        case "--patients":
          a.patients = parseInt(opt, val, 1, 100_000);
          break;
        case "--seed":
          a.seed = parseLong(opt, val);
          break;
        case "--out":
          if (val.isBlank()) {
            throw new UsageException("--out must not be empty");
          }
          a.out = Paths.get(val);
          break;
        case "--state":
          if (val.isBlank()) {
            throw new UsageException("--state must not be empty");
          }
          a.state = val;
          break;
        case "--city":
          a.city = val;
          break;
        case "--years-of-history":
          a.yearsOfHistory = parseInt(opt, val, 0, 200);
          break;
        case "--reference-date":
          try {
            a.referenceDate = LocalDate.parse(val);
          } catch (DateTimeParseException e) {
            throw new UsageException("--reference-date must be yyyy-MM-dd, got: " + val);
          }
          break;
        case "--clinician-seed":
          a.clinicianSeed = parseLong(opt, val);
          break;
        case "--exclude-resources":
          if (!val.matches("[A-Za-z]+(\\s*,\\s*[A-Za-z]+)*")) {
            throw new UsageException("--exclude-resources must be a comma-separated list of"
                + " resource types, got: " + val);
          }
          a.excludeResources = val.replaceAll("\\s", "");
          break;
        case "--ages":
          String[] range = val.split("-", -1);
          if (range.length != 2) {
            throw new UsageException("--ages must be MIN-MAX (such as 40-90), got: " + val);
          }
          a.minAge = parseInt(opt, range[0], 0, 140);
          a.maxAge = parseInt(opt, range[1], 0, 140);
          if (a.minAge > a.maxAge) {
            throw new UsageException("--ages must be MIN-MAX with MIN <= MAX, got: " + val);
          }
          break;
        case "--keep-module":
          a.keepModule = Paths.get(val);
          if (!Files.isRegularFile(a.keepModule)) {
            throw new UsageException("--keep-module is not a readable file: " + val);
          }
          break;
        case "--hospital-use-months":
          a.hospitalUseMonths = parseInt(opt, val, 0, 1200);
          break;
        case "--max-patient-kb":
          a.maxPatientBytes = parseInt(opt, val, 1, 10_000_000) * 1000L;
          break;
        case "--limit":
          a.limit = parseInt(opt, val, 1, 100_000);
          break;
        case "--threads":
          a.threads = parseInt(opt, val, 1, 256);
          break;
        default:
          throw new UsageException("unknown option: " + opt);
      }
    }
    List<String> missing = new ArrayList<>();
    if (a.patients < 0) {
      missing.add("--patients");
    }
    if (a.seed == null) {
      missing.add("--seed");
    }
    if (a.out == null) {
      missing.add("--out");
    }
    if (!missing.isEmpty()) {
      throw new UsageException("missing required option(s): " + String.join(", ", missing));
    }
    return a;
  }

  private static int parseInt(String opt, String val, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(val.trim());
      if (n < min || n > max) {
        throw new UsageException(opt + " must be between " + min + " and " + max + ", got: " + val);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " must be an integer, got: " + val);
    }
  }

  private static long parseLong(String opt, String val) throws UsageException {
    try {
      return Long.parseLong(val.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(opt + " must be an integer, got: " + val);
    }
  }

  static void run(Args a, PrintStream log) throws Exception {
    Path out = a.out.toAbsolutePath().normalize();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out is not a directory: " + out);
    }
    Files.createDirectories(out);
    List<Path> existing = listJson(out);
    if (!existing.isEmpty()) {
      if (!a.clean) {
        throw new UsageException(out + " already contains " + existing.size()
            + " *.json file(s); pass --clean to replace them");
      }
      for (Path p : existing) {
        Files.delete(p);
      }
    }

    // Synthea writes into <baseDirectory>/fhir; stage there, then move into DIR.
    Path staging = Files.createTempDirectory("northstar-synthea-");
    try {
      configure(a, staging);

      long referenceTime = a.referenceDate.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      Generator.GeneratorOptions options = new Generator.GeneratorOptions();
      options.population = a.patients;
      options.seed = a.seed;
      options.clinicianSeed = a.clinicianSeed != null ? a.clinicianSeed : a.seed;
      options.referenceTime = referenceTime;
      options.endTime = referenceTime;
      options.state = a.state;
      options.city = a.city;
      options.threadPoolSize = a.threads;
      options.overflow = true;
      if (a.minAge != null) {
        options.ageSpecified = true;
        options.minAge = a.minAge;
        options.maxAge = a.maxAge;
      }
      if (a.keepModule != null) {
        options.keepPatientsModulePath = a.keepModule.toAbsolutePath();
      }

      Exporter.ExporterRuntimeOptions exportOptions = new Exporter.ExporterRuntimeOptions();
      exportOptions.yearsOfHistory = a.yearsOfHistory;

      long t0 = System.nanoTime();
      Generator generator = new Generator(options, exportOptions);
      generator.run();
      long secs = (System.nanoTime() - t0) / 1_000_000_000L;

      Path fhirDir = staging.resolve("fhir");
      if (!Files.isDirectory(fhirDir)) {
        throw new IllegalStateException("Synthea wrote no FHIR output under " + fhirDir);
      }
      int patientFiles = 0;
      int withoutHospitalUse = 0;
      int tooLarge = 0;
      int overLimit = 0;
      int files = 0;
      long bytes = 0;
      LocalDate hospitalUseSince = a.referenceDate.minusMonths(a.hospitalUseMonths);
      for (Path src : listJson(fhirDir)) {
        String name = src.getFileName().toString();
        // The hospital/practitioner file names carry a run timestamp; make them stable.
        if (name.startsWith("hospitalInformation")) {
          name = "hospitalInformation.json";
        } else if (name.startsWith("practitionerInformation")) {
          name = "practitionerInformation.json";
        } else if (a.hospitalUseMonths > 0 && !HospitalUse.since(src, hospitalUseSince)) {
          withoutHospitalUse++;
          Files.delete(src);
          continue;
        } else if (patientFiles >= a.limit) {
          overLimit++;
          Files.delete(src);
          continue;
        } else {
          patientFiles++;
        }
        Path dst = out.resolve(asciiFileName(name));
        if (a.compact) {
          // Synthea 3.3.0 ignores exporter.pretty_print for R4 patient bundles; minify here.
          Files.writeString(dst, minifyJson(Files.readString(src, StandardCharsets.UTF_8)),
              StandardCharsets.UTF_8);
          Files.delete(src);
        } else {
          Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!name.endsWith("Information.json") && Files.size(dst) > a.maxPatientBytes) {
          tooLarge++;
          patientFiles--;
          Files.delete(dst);
          continue;
        }
        files++;
        bytes += Files.size(dst);
      }
      log.printf("northstar-synthea: %d patients (%d patient bundles, seed %d, %s) -> %d files,"
              + " %.1f MB in %s (%ds)%n",
          generator.totalGeneratedPopulation.get(), patientFiles, a.seed, a.state, files,
          bytes / 1e6, out, secs);
      if (a.hospitalUseMonths > 0) {
        log.printf("northstar-synthea: left out %d patient(s) without an inpatient or emergency"
            + " encounter since %s%n", withoutHospitalUse, hospitalUseSince);
      }
      if (tooLarge > 0 || overLimit > 0) {
        log.printf("northstar-synthea: left out %d patient(s) over %d KB and %d over the limit of %d%n",
            tooLarge, a.maxPatientBytes / 1000, overLimit, a.limit);
      }
    } finally {
      deleteRecursively(staging);
    }
  }

  /** Synthea settings: FHIR R4 transaction bundles only, everything else off. */
  static void configure(Args a, Path baseDirectory) {
    Config.set("exporter.baseDirectory", baseDirectory.toString() + "/");
    Config.set("exporter.subfolders_by_id_substring", "false");
    Config.set("exporter.use_uuid_filenames", "false");
    Config.set("exporter.pretty_print", Boolean.toString(!a.compact));
    Config.set("exporter.years_of_history", Integer.toString(a.yearsOfHistory));
    Config.set("exporter.split_records", "false");

    // FHIR R4 only, as transaction bundles (conditional refs to Organization/Practitioner)
    Config.set("exporter.fhir.export", "true");
    Config.set("exporter.fhir.transaction_bundle", "true");
    Config.set("exporter.fhir.bulk_data", "false");
    Config.set("exporter.fhir.use_us_core_ig", "true");
    Config.set("exporter.fhir.included_resources", "");
    Config.set("exporter.fhir.excluded_resources", a.excludeResources);
    Config.set("exporter.hospital.fhir.export", "true");
    Config.set("exporter.practitioner.fhir.export", "true");
    Config.set("exporter.groups.fhir.export", "false");

    String[] off = {
        "exporter.metadata.export",
        "exporter.ccda.export",
        "exporter.fhir_stu3.export",
        "exporter.fhir_dstu2.export",
        "exporter.hospital.fhir_stu3.export",
        "exporter.hospital.fhir_dstu2.export",
        "exporter.practitioner.fhir_stu3.export",
        "exporter.practitioner.fhir_dstu2.export",
        "exporter.json.export",
        "exporter.csv.export",
        "exporter.cpcds.export",
        "exporter.bfd.export",
        "exporter.cdw.export",
        "exporter.text.export",
        "exporter.text.per_encounter_export",
        "exporter.clinical_note.export",
        "exporter.symptoms.csv.export",
        "exporter.symptoms.text.export",
        "exporter.enable_custom_exporters",
        "generate.track_detailed_transition_metrics",
    };
    for (String key : off) {
      Config.set(key, "false");
    }
    Config.set("generate.only_alive_patients", Boolean.toString(!a.includeDeceased));
    Config.set("generate.log_patients.detail", "none");
    Config.set("generate.append_numbers_to_person_names", Boolean.toString(!a.plainNames));
  }

  /**
   * The file name without accents ("Henriquez" for "Henríquez"): a JVM started under a
   * C locale cannot name a file with other characters, and the bundles are copied to
   * temporary files when the demo is loaded.
   */
  static String asciiFileName(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z0-9._'-]", "_");
  }

  /** Removes insignificant whitespace from a JSON document (string contents untouched). */
  static String minifyJson(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        sb.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        sb.append(c);
      } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static List<Path> listJson(Path dir) throws IOException {
    List<Path> result = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          result.add(p);
        }
      }
    }
    result.sort(Comparator.naturalOrder());
    return result;
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort cleanup of the staging directory
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
