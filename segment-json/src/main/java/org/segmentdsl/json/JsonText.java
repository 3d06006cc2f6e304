package org.segmentdsl.json;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.segmentdsl.Names;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/** Plain Java JSON values (as {@link JsonTree} makes them) back to compact JSON text. */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      write(g, value);
    }
    return out.toString();
  }

  static void write(JsonGenerator g, Object v) {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      writeNumber(g, d);
    } else if (v instanceof WrittenNumber n) {
      writeNumber(g, n.doubleValue());
    } else if (v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
      g.writeNumber(v.toString());
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        write(g, o);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  /** A number in its shortest exact form: integers without a fraction, others as Java prints. */
  static void writeNumber(JsonGenerator g, double d) {
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
      g.writeNumber((long) d);
    } else if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("JSON has no " + d);
    } else {
      g.writeNumber(d);
    }
  }

  /** A JSON value as a message shows it. */
  /**
   * The index of the first unpaired surrogate of {@code s} (which UTF-8 cannot hold, so JSON
   * text cannot either), or -1 if it is Unicode text.
   */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof JsonTree.TooDeep) {
      return v.toString();
    }
    if (v instanceof String s) {
      return Names.show(s); // escaped: a message stays one line whatever the string holds
    }
    if (v instanceof Long l) {
      return l.toString();
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
          : d.toString();
    }
    if (v instanceof Boolean || v instanceof Number) { // WrittenNumber, BigInteger, ...: as written
      return v.toString();
    }
    return v instanceof Map ? "an object" : "an array";
  }
}
