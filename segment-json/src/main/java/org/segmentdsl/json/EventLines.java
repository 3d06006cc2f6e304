package org.segmentdsl.json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segmentdsl.Names;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The fast path for {@code events.jsonl}, where nearly all of a dataset's lines are: reads a
 * well-formed event line straight from the token stream, without building a tree. Anything
 * unusual (a wrong type, an unknown key, malformed JSON, an odd string, a name that breaks the
 * rule of {@link Names}) returns null, and the caller reads the line the general way, which finds
 * and words the problem.
 */
final class EventLines {
  private EventLines() {}

  /** A well-formed event line's parts; {@code props} values are String, Double or Boolean. */
  record Line(String contact, String type, Instant at, Map<String, Object> props) {}

  static Line parse(byte[] bytes, int len) {
    try (JsonParser p = JsonTree.FACTORY.createParser(ObjectReadContext.empty(), bytes, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String contact = null;
      String type = null;
      Instant at = null;
      Map<String, Object> props = Map.of();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "contact" -> contact = v == JsonToken.VALUE_STRING ? p.getString() : null;
          case "type" -> type = v == JsonToken.VALUE_STRING ? p.getString() : null;
          case "at" -> at = v == JsonToken.VALUE_STRING ? Instants.parse(p.getString()) : null;
          case "props" -> props = v == JsonToken.START_OBJECT ? props(p) : null;
          default -> {
            return null;
          }
        }
        if (contact == null && name.equals("contact") || type == null && name.equals("type")
            || at == null && name.equals("at") || props == null) {
          return null;
        }
      }
      if (p.nextToken() != null || contact == null || type == null || at == null
          || !Names.isValid(contact) || !Names.isValid(type)) {
        return null;
      }
      return new Line(contact, type, at, props);
    } catch (JacksonException | NumberFormatException e) {
      return null;
    }
  }

  private static Map<String, Object> props(JsonParser p) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Object value;
      switch (v) {
        case VALUE_STRING -> {
          String s = p.getString();
          if (!plain(s)) {
            return null;
          }
          value = s;
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          double d = p.getDoubleValue();
          if (!Double.isFinite(d)) {
            return null;
          }
          value = d;
        }
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        default -> {
          return null;
        }
      }
      if (!Names.isValid(name)) {
        return null;
      }
      props.put(name, value);
    }
    return props;
  }

  /** No surrogates at all: the general path checks the rare strings that have them. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
