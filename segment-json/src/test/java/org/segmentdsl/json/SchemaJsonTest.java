package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;

/**
 * {@link SchemaJson} reads from a string, a reader, a stream and a file, and writes canonical JSON
 * that reads back equal, with the fields in their order; mistakes are {@link
 * SchemaFormatException}s (named by the file when there is one), I/O failures {@link
 * IOException}s.
 */
class SchemaJsonTest {
  static final Schema EVERY_TYPE = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("size", FieldType.NUMBER)
      .contactField("signup", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .dealField("utm.source", FieldType.STRING)
      .dealField("lead-score", FieldType.NUMBER)
      .accountField("_x9", FieldType.DATE)
      .build();

  @TempDir
  Path tmp;

  @Test
  void writeIsCanonicalAndReadsBackEqual() {
    String json = SchemaJson.write(EVERY_TYPE);
    assertThat(json).isEqualTo("{\"contact\":{\"fields\":{\"country\":\"string\",\"size\":"
        + "\"number\",\"signup\":\"date\",\"last_login\":\"datetime\",\"vip\":\"boolean\","
        + "\"location\":\"geo\"}},\"deal\":{\"fields\":{\"utm.source\":\"string\","
        + "\"lead-score\":\"number\"}},\"account\":{\"fields\":{\"_x9\":\"date\"}}}");
    Schema back = SchemaJson.read(json);
    assertThat(back).isEqualTo(EVERY_TYPE);
    assertThat(List.copyOf(back.contactFields().keySet()))
        .isEqualTo(List.copyOf(EVERY_TYPE.contactFields().keySet()));
    assertThat(SchemaJson.write(back)).isEqualTo(json);
  }

  @Test
  void emptySectionsAreLeftOut() {
    assertThat(SchemaJson.write(Schema.builder().build())).isEqualTo("{}");
    assertThat(SchemaJson.read("{}")).isEqualTo(Schema.builder().build());
    Schema deals = Schema.builder().dealField("stage", FieldType.STRING).build();
    assertThat(SchemaJson.write(deals)).isEqualTo("{\"deal\":{\"fields\":{\"stage\":\"string\"}}}");
    assertThat(SchemaJson.read("{\"contact\": {\"fields\": {}}, \"deal\": {\"fields\": "
        + "{\"stage\": \"string\"}}}")).isEqualTo(deals);
  }

  @Test
  void randomSchemasRoundTrip() {
    long seed = Seeds.base();
    SplittableRandom r = new SplittableRandom(seed);
    String start = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    String rest = start + "0123456789.-";
    for (int i = 0; i < 200; i++) {
      Schema.Builder b = Schema.builder();
      List<String> used = new ArrayList<>();
      for (int f = r.nextInt(12); f > 0; f--) {
        StringBuilder name = new StringBuilder().append(start.charAt(r.nextInt(start.length())));
        for (int k = r.nextInt(r.nextBoolean() ? 4 : 128); k > 0; k--) {
          name.append(rest.charAt(r.nextInt(rest.length())));
        }
        String n = name.toString();
        FieldType type = FieldType.values()[r.nextInt(FieldType.values().length)];
        switch (r.nextInt(3)) {
          case 0 -> {
            if (!used.contains("c" + n)) {
              b.contactField(n, type);
              used.add("c" + n);
            }
          }
          case 1 -> {
            if (!used.contains("d" + n)) {
              b.dealField(n, type);
              used.add("d" + n);
            }
          }
          default -> {
            if (!used.contains("a" + n)) {
              b.accountField(n, type);
              used.add("a" + n);
            }
          }
        }
      }
      Schema schema = b.build();
      String json = SchemaJson.write(schema);
      Schema back = SchemaJson.read(json);
      assertThat(back).as("seed %d, schema %d: %s", seed, i, json).isEqualTo(schema);
      assertThat(back.toString()).as("the fields' order").isEqualTo(schema.toString());
      assertThat(SchemaJson.write(back)).isEqualTo(json);
    }
  }

  @Test
  void everyConformanceSchemaRoundTrips() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(ConformanceTest.root())) {
      files = all.filter(p -> p.getFileName().toString().equals("schema.json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    for (Path file : files) {
      Schema schema = SchemaJson.read(file);
      assertThat(SchemaJson.read(SchemaJson.write(schema))).as(file.toString()).isEqualTo(schema);
    }
  }

  @Test
  void theOverloadsReadAlike() throws IOException {
    String json = SchemaJson.write(EVERY_TYPE);
    Path file = Files.writeString(tmp.resolve("schema.json"), json);
    assertThat(SchemaJson.read(file)).isEqualTo(EVERY_TYPE);
    assertThat(SchemaJson.read(new StringReader(json))).isEqualTo(EVERY_TYPE);
    assertThat(SchemaJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(EVERY_TYPE);
  }

  @Test
  void mistakesArePointedAtAndNamedByTheFile() throws IOException {
    String bad = "{\"contact\": {\"fields\": {\"a\": \"text\"}}, \"lead\": {}}";
    assertThatThrownBy(() -> SchemaJson.read(bad))
        .isInstanceOf(SchemaFormatException.class)
        .satisfies(e -> assertThat(((SchemaFormatException) e).problems()).containsExactly(
            "/contact/fields/a: unknown type \"text\" (expected string, number, date, datetime, "
                + "boolean, geo)",
            "/lead: unknown key (expected contact, deal, account)"));
    Path file = Files.writeString(tmp.resolve("schema.json"), bad);
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(SchemaFormatException.class)
        .satisfies(e -> assertThat(((SchemaFormatException) e).problems()).containsExactly(
            file + ": /contact/fields/a: unknown type \"text\" (expected string, number, date, "
                + "datetime, boolean, geo)",
            file + ": /lead: unknown key (expected contact, deal, account)"));
    assertThatThrownBy(() -> SchemaJson.read("[]")).isInstanceOf(SchemaFormatException.class)
        .hasMessage("expected a JSON object");
    assertThatThrownBy(() -> SchemaJson.read("{")).isInstanceOf(SchemaFormatException.class)
        .hasMessageStartingWith("malformed JSON");
    String large = "{\"contact\": {\"fields\": {}}}" + " ".repeat(SchemaJson.MAX_BYTES);
    assertThatThrownBy(() -> SchemaJson.read(large)).isInstanceOf(SchemaFormatException.class)
        .hasMessage("document is larger than 1 MiB");
    Path largeFile = Files.writeString(tmp.resolve("large.json"), large);
    assertThatThrownBy(() -> SchemaJson.read(largeFile))
        .isInstanceOf(SchemaFormatException.class)
        .hasMessage(largeFile + ": larger than 1 MiB");
  }

  @Test
  void aFileThatCannotBeReadIsAnIoException() {
    assertThatThrownBy(() -> SchemaJson.read(tmp.resolve("missing.json")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> SchemaJson.read(tmp))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void aDatasetWithoutASchemaIsStillADatasetProblem() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("data"));
    Files.writeString(dir.resolve("contacts.jsonl"), "{\"id\": \"c-1\"}\n");
    assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(DatasetException.class)
        .satisfies(e -> assertThat(((DatasetException) e).problems()).containsExactly(
            dir.resolve("schema.json") + ": missing (a dataset needs schema.json)"));
    Files.createDirectory(dir.resolve("schema.json"));
    assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(DatasetException.class)
        .satisfies(e -> assertThat(((DatasetException) e).problems()).containsExactly(
            dir.resolve("schema.json") + ": cannot read: is a directory"));
  }
}
