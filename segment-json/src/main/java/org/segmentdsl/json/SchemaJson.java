package org.segmentdsl.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.InputFiles;

/**
 * Schemas as JSON, a dataset's {@code schema.json}: the typed fields of contacts, deals and
 * accounts. Reading gives the {@link Schema} the builder makes; writing gives canonical JSON that
 * reads back equal.
 *
 * <pre>{@code
 * {"contact": {"fields": {"country": "string", "signup_date": "date"}},
 *  "deal":    {"fields": {"stage": "string", "value": "number"}},
 *  "account": {"fields": {"industry": "string"}}}
 * }</pre>
 *
 * Types: {@code string number date datetime boolean geo}; any of the three sections may be left
 * out; field names match {@code [A-Za-z_][A-Za-z0-9_.-]{0,127}}.
 *
 * <pre>{@code
 * Schema schema = SchemaJson.read(Path.of("data/schema.json"));
 * String json = SchemaJson.write(schema); // {"contact":{"fields":{"country":"string",...}},...}
 * }</pre>
 *
 * <p>Reading is strict and bounded (1 MiB, no duplicate or unknown keys): every mistake is a
 * {@link SchemaFormatException} listing each problem as {@code /pointer: message}, the file's name
 * first when reading a file ({@code data/schema.json: /contact/fields/a: unknown type "text"
 * ...}). Stateless and thread-safe.
 */
public final class SchemaJson {
  /** The largest document read: 1 MiB of UTF-8. */
  public static final int MAX_BYTES = 1 << 20;

  private SchemaJson() {}

  /**
   * Reads a schema document.
   *
   * @param json the document, not null
   * @return the schema
   * @throws SchemaFormatException listing every problem if the document is malformed, larger
   *     than 1 MiB, or holds an unknown type, key or name
   */
  public static Schema read(String json) {
    byte[] bytes = Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8);
    return parse(bytes, bytes.length, null);
  }

  /**
   * Reads a schema document from a reader (not closed), up to {@link #MAX_BYTES}.
   *
   * @param reader the reader, read to its end, not null
   * @return the schema
   * @throws SchemaFormatException listing every problem if the document is malformed, larger
   *     than 1 MiB, or holds an unknown type, key or name
   * @throws IOException if the reader fails
   */
  public static Schema read(Reader reader) throws IOException {
    Objects.requireNonNull(reader, "reader");
    char[] buf = new char[8192];
    StringBuilder sb = new StringBuilder();
    for (int n; (n = reader.read(buf)) >= 0; ) {
      sb.append(buf, 0, n);
      if (sb.length() > MAX_BYTES) {
        throw tooLarge(null);
      }
    }
    return read(sb.toString());
  }

  /**
   * Reads a schema document from a stream of UTF-8 (not closed), up to {@link #MAX_BYTES}.
   *
   * @param in the stream, read to its end, not null
   * @return the schema
   * @throws SchemaFormatException listing every problem if the document is malformed, larger
   *     than 1 MiB, or holds an unknown type, key or name
   * @throws IOException if the stream fails
   */
  public static Schema read(InputStream in) throws IOException {
    byte[] bytes = Objects.requireNonNull(in, "in").readNBytes(MAX_BYTES + 1);
    return parse(bytes, bytes.length, null);
  }

  /**
   * Reads a schema file, up to {@link #MAX_BYTES}; each problem starts with the file's path as
   * given ({@code data/schema.json: /contact/fields/a: unknown type "text" ...}).
   *
   * @param file the file, not null
   * @return the schema
   * @throws SchemaFormatException listing every problem if the document is malformed, larger
   *     than 1 MiB, or holds an unknown type, key or name
   * @throws IOException if it cannot be read ({@link java.nio.file.NoSuchFileException} if it
   *     does not exist) or is not a regular file (a directory, a FIFO, a device: refused without
   *     being opened)
   */
  public static Schema read(Path file) throws IOException {
    byte[] bytes = InputFiles.readAtMost(Objects.requireNonNull(file, "file"), MAX_BYTES);
    return parse(bytes, bytes.length, file.toString());
  }

  /**
   * The canonical JSON of a schema: compact, on one line, without a trailing newline; the
   * sections in the order {@code contact, deal, account}, each left out if it has no field; the
   * fields in the order they were declared. {@link #read(String)} gives back an equal schema, with
   * the fields in the same order.
   *
   * @param schema the schema, not null
   * @return the document
   */
  public static String write(Schema schema) {
    Objects.requireNonNull(schema, "schema");
    Map<String, Object> document = new LinkedHashMap<>();
    section(document, "contact", schema.contactFields());
    section(document, "deal", schema.dealFields());
    section(document, "account", schema.accountFields());
    return JsonText.write(document);
  }

  private static void section(Map<String, Object> document, String key,
      Map<String, FieldType> fields) {
    if (!fields.isEmpty()) {
      Map<String, Object> types = new LinkedHashMap<>();
      fields.forEach((name, type) -> types.put(name, type.jsonName()));
      document.put(key, Map.of("fields", types));
    }
  }

  private static SchemaFormatException tooLarge(@Nullable String name) {
    return new SchemaFormatException(List.of(name == null ? "document is larger than 1 MiB"
        : name + ": larger than 1 MiB"));
  }

  /**
   * Parses the first {@code len} bytes of a document (more than {@link #MAX_BYTES} is too large);
   * {@code name}, if not null, starts each problem.
   */
  private static Schema parse(byte[] json, int len, @Nullable String name) {
    if (len > MAX_BYTES) {
      throw tooLarge(name);
    }
    String prefix = name == null ? "" : name + ": ";
    Object root;
    try {
      root = JsonTree.parse(json, 0, len);
    } catch (JsonTree.Malformed e) {
      throw new SchemaFormatException(List.of(prefix + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    Schema.Builder schema = Schema.builder();
    if (!(root instanceof Map<?, ?> map)) {
      throw new SchemaFormatException(List.of(prefix + "expected a JSON object"));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String entity = (String) e.getKey();
      String pointer = "/" + Pointers.escape(entity);
      if (!entity.equals("contact") && !entity.equals("deal") && !entity.equals("account")) {
        problems.add(prefix + pointer + ": unknown key (expected contact, deal, account)");
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> body) || body.size() != 1
          || !(body.get("fields") instanceof Map<?, ?> fields)) {
        problems.add(prefix + pointer + ": expected {\"fields\": {name: type, …}}");
        continue;
      }
      for (Map.Entry<?, ?> f : fields.entrySet()) {
        String field = (String) f.getKey();
        String at = prefix + pointer + "/fields/" + Pointers.escape(field) + ": ";
        FieldType type = null;
        for (FieldType t : FieldType.values()) {
          if (t.jsonName().equals(f.getValue())) {
            type = t;
          }
        }
        if (type == null) {
          problems.add(at + "unknown type " + JsonText.show(f.getValue())
              + " (expected string, number, date, datetime, boolean, geo)");
        } else if (!Schema.isValidFieldName(field)) {
          problems.add(at + "invalid field name: expected [A-Za-z_][A-Za-z0-9_.-]{0,127}");
        } else {
          switch (entity) {
            case "contact" -> schema.contactField(field, type);
            case "deal" -> schema.dealField(field, type);
            default -> schema.accountField(field, type);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SchemaFormatException(problems);
    }
    return schema.build();
  }
}
