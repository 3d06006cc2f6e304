package org.segmentdsl.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.segmentdsl.Segment;
import org.segmentdsl.json.SegmentJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a generated {@link Dataset} as a dataset folder ({@code schema.json}, {@code
 * accounts.jsonl}, {@code contacts.jsonl}, {@code deals.jsonl}, {@code events.jsonl} and the
 * workloads as {@code segments/w1.json} … {@code w9.json}), the way a user's export would hand it
 * to {@code DatasetLoader} and {@code bin/segment eval --data}.
 *
 * <p>Events are written in time order (by second, ties in generation order), as an event
 * pipeline appends them: the common case, and the harder one for a loader, since consecutive
 * lines belong to different contacts.
 *
 * <pre>
 * java -cp … org.segmentdsl.benchmarks.DatasetFolder 1000000 /tmp/bench-1m
 * </pre>
 */
public final class DatasetFolder {
  private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("\n").build();
  private static final int BUFFER = 1 << 20;

  private static final String SCHEMA = """
      {
        "contact": {"fields": {"country": "string", "company_size": "number",
          "signup_date": "date", "lifetime_value": "number", "renewal_date": "date",
          "location": "geo"}},
        "deal": {"fields": {"stage": "string", "pipeline": "string", "value": "number",
          "owner": "string"}},
        "account": {"fields": {"industry": "string", "employees": "number"}}
      }
      """;

  private DatasetFolder() {}

  /** Generates {@code args[0]} contacts (fixed seed) and writes them to folder {@code args[1]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DatasetFolder <contacts> <folder>");
      System.exit(2);
    }
    Dataset data = DataGenerator.generate(Integer.parseInt(args[0]));
    Path folder = Path.of(args[1]);
    long start = System.nanoTime();
    write(data, folder);
    System.out.printf("%s written to %s in %.1f s (%,d MB)%n", data, folder,
        (System.nanoTime() - start) / 1e9, size(folder) >> 20);
  }

  /** Writes the data set to {@code folder} (created if missing; its files are replaced). */
  public static void write(Dataset data, Path folder) throws IOException {
    Files.createDirectories(folder.resolve("segments"));
    Files.writeString(folder.resolve("schema.json"), SCHEMA);
    for (Workload w : Workload.values()) {
      String id = "w" + (w.ordinal() + 1);
      Segment segment = Segment.builder().id(id).where(SegmentDslEngine.condition(w)).build();
      Files.writeString(folder.resolve("segments").resolve(id + ".json"),
          SegmentJson.write(segment));
    }
    for (String id : SegmentDslEngine.SAVED.ids()) {
      Files.writeString(folder.resolve("segments").resolve(id + ".json"),
          SegmentJson.write(SegmentDslEngine.SAVED.get(id).orElseThrow()));
    }
    try (JsonGenerator g = generator(folder.resolve("accounts.jsonl"))) {
      for (int a = 0; a < data.accounts(); a++) {
        g.writeStartObject();
        g.writeStringProperty("id", Dataset.accountId(a));
        g.writeName("fields");
        g.writeStartObject();
        g.writeStringProperty("industry", Dataset.INDUSTRIES[data.accountIndustry[a]]);
        g.writeNumberProperty("employees", data.accountEmployees[a]);
        g.writeEndObject();
        g.writeEndObject();
      }
    }
    try (JsonGenerator g = generator(folder.resolve("contacts.jsonl"))) {
      for (int c = 0; c < data.contacts; c++) {
        writeContact(g, data, c);
      }
    }
    try (JsonGenerator g = generator(folder.resolve("deals.jsonl"))) {
      for (int c = 0; c < data.contacts; c++) {
        for (int d = data.dealOffsets[c]; d < data.dealOffsets[c + 1]; d++) {
          g.writeStartObject();
          g.writeStringProperty("id", Dataset.dealId(d));
          g.writeStringProperty("contact", Dataset.contactId(c));
          g.writeName("fields");
          g.writeStartObject();
          g.writeStringProperty("stage", Dataset.STAGES[data.dealStage[d]]);
          g.writeStringProperty("pipeline", Dataset.PIPELINES[data.dealPipeline[d]]);
          g.writeNumberProperty("value", data.dealValue[d]);
          g.writeStringProperty("owner", Dataset.OWNERS[data.dealOwner[d]]);
          g.writeEndObject();
          g.writeEndObject();
        }
      }
    }
    writeEvents(data, folder.resolve("events.jsonl"));
  }

  private static void writeContact(JsonGenerator g, Dataset data, int c) {
    g.writeStartObject();
    g.writeStringProperty("id", Dataset.contactId(c));
    if (data.tagOffsets[c] < data.tagOffsets[c + 1]) {
      g.writeName("tags");
      g.writeStartArray();
      for (int i = data.tagOffsets[c]; i < data.tagOffsets[c + 1]; i++) {
        g.writeString(Dataset.TAGS[data.tagIds[i] & 0xFF]);
      }
      g.writeEndArray();
    }
    boolean lists = false;
    for (int l = 0; l < Dataset.LISTS.length; l++) {
      byte s = data.listStatus[l][c];
      if (s != 0) {
        if (!lists) {
          g.writeName("lists");
          g.writeStartObject();
          lists = true;
        }
        g.writeStringProperty(Dataset.LISTS[l], Dataset.STATUSES[s - 1]);
      }
    }
    if (lists) {
      g.writeEndObject();
    }
    g.writeName("fields");
    g.writeStartObject();
    if (data.country[c] >= 0) {
      g.writeStringProperty("country", Dataset.COUNTRIES[data.country[c]]);
    }
    if (data.companySize[c] != Dataset.UNSET) {
      g.writeNumberProperty("company_size", data.companySize[c]);
    }
    g.writeStringProperty("signup_date", LocalDate.ofEpochDay(data.signupDay[c]).toString());
    g.writeNumberProperty("lifetime_value", data.lifetimeValue[c]);
    if (data.renewalDay[c] != Dataset.UNSET) {
      g.writeStringProperty("renewal_date", LocalDate.ofEpochDay(data.renewalDay[c]).toString());
    }
    g.writeName("location");
    g.writeStartObject();
    g.writeNumberProperty("lat", data.lat[c]);
    g.writeNumberProperty("lon", data.lon[c]);
    g.writeEndObject();
    g.writeEndObject();
    if (data.account[c] >= 0) {
      g.writeStringProperty("account", Dataset.accountId(data.account[c]));
    }
    g.writeEndObject();
  }

  /** Every event, in time order: sorts (second, index) pairs packed in longs. */
  private static void writeEvents(Dataset data, Path file) throws IOException {
    int n = data.events();
    int[] contactOf = new int[n];
    for (int c = 0; c < data.contacts; c++) {
      Arrays.fill(contactOf, data.eventOffsets[c], data.eventOffsets[c + 1], c);
    }
    long[] order = new long[n];
    for (int e = 0; e < n; e++) {
      order[e] = ((long) data.eventSecond[e] << 31) | e; // seconds are positive, e < 2^31
    }
    Arrays.parallelSort(order);
    try (JsonGenerator g = generator(file)) {
      for (long key : order) {
        int e = (int) (key & Integer.MAX_VALUE);
        byte type = data.eventType[e];
        g.writeStartObject();
        g.writeStringProperty("contact", Dataset.contactId(contactOf[e]));
        g.writeStringProperty("type", Dataset.EVENT_TYPES[type]);
        g.writeStringProperty("at", Instant.ofEpochSecond(data.eventSecond[e]).toString());
        String property = Dataset.EVENT_PROPERTY[type];
        if (property != null) {
          short v = data.eventProp[e];
          g.writeName("props");
          g.writeStartObject();
          switch (type) {
            case Dataset.EMAIL_CLICK -> g.writeStringProperty(property, Dataset.CAMPAIGNS[v]);
            case Dataset.PAGE_VISIT -> g.writeStringProperty(property, Dataset.URLS[v]);
            case Dataset.WEBINAR_ATTENDED -> g.writeStringProperty(property, Dataset.TOPICS[v]);
            case Dataset.PURCHASE -> g.writeNumberProperty(property, v);
            default -> throw new IllegalStateException("no property for event type " + type);
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
    }
  }

  /** A generator writing one value per line (Jackson's root separator is a newline here). */
  private static JsonGenerator generator(Path file) throws IOException {
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
    return JSON.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** The bytes of the folder's files. */
  static long size(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
