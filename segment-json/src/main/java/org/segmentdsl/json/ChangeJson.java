package org.segmentdsl.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.Suggestions;
import org.segmentdsl.json.DataJson.Bad;
import org.segmentdsl.json.DataJson.References;

/**
 * A change-stream line's JSON object to a {@link ChangeLine}: the {@code op} table of {@code
 * docs/live-segments.md}. The objects inside changes (contact, event, deal, account) and
 * field values are read by {@link DataJson}, as in a dataset; mistakes are {@link Bad}s whose
 * pointer is relative to the line.
 */
final class ChangeJson {
  /** The ops of one change, in the order of the spec's table. */
  static final List<String> CHANGE_OPS = List.of("upsertContact", "removeContact", "addTag",
      "removeTag", "setField", "setList", "setAccount", "event", "upsertAccount",
      "removeAccount", "upsertDeal", "removeDeal");

  private static final List<String> ALL_OPS;

  static {
    List<String> all = new ArrayList<>(CHANGE_OPS);
    all.add("batch");
    all.add("tick");
    ALL_OPS = List.copyOf(all);
  }

  private ChangeJson() {}

  /**
   * One line's object. A mistake after the op is known names it ({@code op "setField": …}): the
   * op of the change that holds the member at fault, {@code batch} for the batch's own members.
   */
  static ChangeLine line(String source, int line, Map<String, Object> o, Schema schema)
      throws Bad {
    String op = op(o);
    switch (op) {
      case "tick":
        try {
          return tick(source, line, o);
        } catch (Bad b) {
          throw inOp(op, b);
        }
      case "batch":
        return batch(source, line, o, schema);
      default:
        return new ChangeLine.Changes(source, line, List.of(change(op, o, schema)), false);
    }
  }

  private static ChangeLine.Tick tick(String source, int line, Map<String, Object> o)
      throws Bad {
    DataJson.keys(o, Set.of("op", "now"));
    Object now = required(o, "now");
    try {
      return new ChangeLine.Tick(source, line, DataJson.instant("\"now\"", now));
    } catch (Bad b) {
      throw b.under("/now");
    }
  }

  private static ChangeLine.Changes batch(String source, int line, Map<String, Object> o,
      Schema schema) throws Bad {
    Object changes;
    try {
      DataJson.keys(o, Set.of("op", "changes"));
      changes = required(o, "changes");
      if (!(changes instanceof List<?>)) {
        throw new Bad("/changes", "\"changes\" must be an array of changes, got "
            + JsonText.show(changes));
      }
    } catch (Bad b) {
      throw inOp("batch", b);
    }
    List<?> list = (List<?>) changes;
    List<Change> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String at = "/changes/" + i;
      if (!(list.get(i) instanceof Map<?, ?> map)) {
        throw inOp("batch", new Bad(at, "a change must be a JSON object, got "
            + JsonText.show(list.get(i))));
      }
      @SuppressWarnings("unchecked") // JsonTree makes maps with String keys
      Map<String, Object> change = (Map<String, Object>) map;
      try {
        String inner = op(change);
        if (inner.equals("batch") || inner.equals("tick")) {
          throw inOp("batch", new Bad("a batch cannot hold a \"" + inner + "\""));
        }
        out.add(change(inner, change, schema));
      } catch (Bad b) {
        throw b.under(at);
      }
    }
    return new ChangeLine.Changes(source, line, out, true);
  }

  /** The same mistake, said of a change whose op is {@code op}. */
  private static Bad inOp(String op, Bad b) {
    return new Bad(b.pointer(), ChangeRefusals.ofOp(op, b.getMessage()));
  }

  /** The object's {@code op}, one of the table's. */
  private static String op(Map<String, Object> o) throws Bad {
    Object op = o.get("op");
    if (op == null) {
      throw new Bad("\"op\" is required (" + String.join(", ", ALL_OPS) + ")");
    }
    if (!(op instanceof String s)) {
      throw new Bad("/op", "\"op\" must be a string, got " + JsonText.show(op));
    }
    if (!ALL_OPS.contains(s)) {
      String suggestion = Suggestions.didYouMean(s, ALL_OPS);
      throw new Bad("/op", "unknown op " + JsonText.show(s) + (suggestion.isEmpty()
          ? " (expected " + String.join(", ", ALL_OPS) + ")" : suggestion));
    }
    return s;
  }

  /** One change (not a batch or tick) whose op is {@code op}; a mistake in it names the op. */
  private static Change change(String op, Map<String, Object> o, Schema schema) throws Bad {
    try {
      return read(op, o, schema);
    } catch (Bad b) {
      throw inOp(op, b);
    }
  }

  private static Change read(String op, Map<String, Object> o, Schema schema) throws Bad {
    switch (op) {
      case "upsertContact":
        DataJson.keys(o, Set.of("op", "contact"));
        return new Change.UpsertContact(
            object(o, "contact", c -> DataJson.contact(c, schema, References.NONE)));
      case "removeContact":
        DataJson.keys(o, Set.of("op", "id"));
        return new Change.RemoveContact(DataJson.id(o, "id"));
      case "addTag":
        DataJson.keys(o, Set.of("op", "id", "tag"));
        return new Change.AddTag(DataJson.id(o, "id"), DataJson.id(o, "tag"));
      case "removeTag":
        DataJson.keys(o, Set.of("op", "id", "tag"));
        return new Change.RemoveTag(DataJson.id(o, "id"), DataJson.id(o, "tag"));
      case "setField":
        return setField(o, schema);
      case "setList": {
        DataJson.keys(o, Set.of("op", "id", "list", "status"));
        String id = DataJson.id(o, "id");
        String list = DataJson.id(o, "list");
        Object status = required(o, "status");
        ListStatus s = null;
        if (status != null) {
          try {
            s = DataJson.status(list, status);
          } catch (Bad b) {
            throw b.under("/status");
          }
        }
        return new Change.SetList(id, list, s);
      }
      case "setAccount": {
        DataJson.keys(o, Set.of("op", "id", "account"));
        String id = DataJson.id(o, "id");
        Object account = required(o, "account");
        if (account != null && !(account instanceof String a && !a.isEmpty())) {
          throw new Bad("/account", "\"account\" must be an account id or null, got "
              + JsonText.show(account));
        }
        if (account != null) {
          DataJson.name("/account", "account id", (String) account);
        }
        return new Change.SetAccount(id, (String) account);
      }
      case "event":
        DataJson.keys(o, Set.of("op", "event"));
        return new Change.RecordEvent(
            object(o, "event", e -> DataJson.event(e, References.NONE)));
      case "upsertAccount":
        DataJson.keys(o, Set.of("op", "account"));
        return new Change.UpsertAccount(
            object(o, "account", a -> DataJson.account(a, schema, References.NONE)));
      case "removeAccount":
        DataJson.keys(o, Set.of("op", "id"));
        return new Change.RemoveAccount(DataJson.id(o, "id"));
      case "upsertDeal":
        DataJson.keys(o, Set.of("op", "deal"));
        return new Change.UpsertDeal(
            object(o, "deal", d -> DataJson.deal(d, schema, References.NONE)));
      case "removeDeal":
        DataJson.keys(o, Set.of("op", "id"));
        return new Change.RemoveDeal(DataJson.id(o, "id"));
      default:
        throw new IllegalStateException("op " + op); // op(...) lets only the table's through
    }
  }

  private static Change setField(Map<String, Object> o, Schema schema) throws Bad {
    DataJson.keys(o, Set.of("op", "id", "field", "value"));
    String id = DataJson.id(o, "id");
    String field = DataJson.id(o, "field");
    FieldType type;
    try {
      type = DataJson.fieldType(field, schema.contactFields(), "");
    } catch (Bad b) {
      throw b.under("/field");
    }
    Object value = required(o, "value");
    if (value == null) {
      return new Change.SetField(id, field, null);
    }
    try {
      return new Change.SetField(id, field, DataJson.value(field, type, value));
    } catch (Bad b) {
      throw b.under("/value");
    }
  }

  /** A key that must be present; its value may be {@code null}. */
  private static Object required(Map<String, Object> o, String key) throws Bad {
    if (!o.containsKey(key)) {
      throw new Bad("\"" + key + "\" is required");
    }
    return o.get(key);
  }

  /** Reads an object inside a change (a contact, event, account or deal). */
  @FunctionalInterface
  private interface ObjectReader<T> {
    T read(Map<String, Object> object) throws Bad;
  }

  /** The object under {@code key}, read; a mistake inside it points into it. */
  private static <T> T object(Map<String, Object> o, String key, ObjectReader<T> reader)
      throws Bad {
    Object value = required(o, key);
    if (!(value instanceof Map<?, ?> map)) {
      throw new Bad("/" + key, "\"" + key + "\" must be an object, got " + JsonText.show(value));
    }
    @SuppressWarnings("unchecked") // JsonTree makes maps with String keys
    Map<String, Object> object = (Map<String, Object>) map;
    try {
      return reader.read(object);
    } catch (Bad b) {
      throw b.under("/" + key);
    }
  }
}
