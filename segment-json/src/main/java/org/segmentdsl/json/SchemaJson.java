package org.segmentdsl.json;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.InputFiles;

/**
 * Reads a dataset's {@code schema.json}: the typed fields of contacts, deals and accounts.
 *
 * <pre>{@code
 * {"contact": {"fields": {"country": "string", "signup_date": "date"}},
 *  "deal":    {"fields": {"stage": "string", "value": "number"}},
 *  "account": {"fields": {"industry": "string"}}}
 * }</pre>
 *
 * Types: {@code string number date datetime boolean geo}; {@code deal} and {@code account} may be
 * left out; field names match {@code [A-Za-z_][A-Za-z0-9_.-]{0,127}}.
 */
public final class SchemaJson {
  /** The largest schema file read: 1 MiB. */
  private static final int MAX_BYTES = 1 << 20;

  private SchemaJson() {}


  /**
   * Reads a schema file; {@code name} is how problems name the file.
   *
   * @param file the {@code schema.json} file, not null
   * @param name how problems name the file ({@code schema.json}, a path)
   * @return the schema
   * @throws SchemaFormatException if it is missing, not a regular file, larger than 1 MiB, malformed or holds an
   *     unknown type, key or name
   */
  public static Schema read(Path file, String name) {
    byte[] bytes;
    try {
      bytes = InputFiles.readAtMost(file, MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new SchemaFormatException(List.of(name + ": missing (a dataset needs schema.json)"));
    } catch (IOException e) {
      throw new SchemaFormatException(List.of(name + ": " + InputFiles.describe(e)));
    }
    if (bytes.length > MAX_BYTES) {
      throw new SchemaFormatException(List.of(name + ": larger than 1 MiB"));
    }
    return parse(bytes, name);
  }

  /**
   * Parses schema JSON; {@code name} is how problems name the document.
   *
   * @param json the document's bytes, UTF-8, not null
   * @param name how problems name the document
   * @return the schema
   * @throws SchemaFormatException if the document is malformed or holds an unknown type, key or name
   */
  public static Schema parse(byte[] json, String name) {
    Object root;
    try {
      root = JsonTree.parse(json, 0, json.length);
    } catch (JsonTree.Malformed e) {
      throw new SchemaFormatException(List.of(name + ": " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    Schema.Builder schema = Schema.builder();
    if (!(root instanceof Map<?, ?> map)) {
      throw new SchemaFormatException(List.of(name + ": expected a JSON object"));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String entity = (String) e.getKey();
      String pointer = "/" + Pointers.escape(entity);
      if (!entity.equals("contact") && !entity.equals("deal") && !entity.equals("account")) {
        problems.add(name + ": " + pointer + ": unknown key (expected contact, deal, account)");
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> body) || body.size() != 1
          || !(body.get("fields") instanceof Map<?, ?> fields)) {
        problems.add(name + ": " + pointer + ": expected {\"fields\": {name: type, …}}");
        continue;
      }
      for (Map.Entry<?, ?> f : fields.entrySet()) {
        String field = (String) f.getKey();
        String at = name + ": " + pointer + "/fields/" + Pointers.escape(field) + ": ";
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
