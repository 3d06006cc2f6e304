package org.segmentdsl.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Strict JSON (RFC 8259) into plain Java values: {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@code String}, {@code Long} (integers that fit), {@code BigInteger}
 * (larger integers), {@code Double} (other numbers), {@code BigDecimal} (beyond a double's range),
 * {@code Boolean} and {@code null}. Numbers are exact as written, so {@code x-} metadata survives a
 * round trip; readers that need a double take {@code doubleValue()} and refuse the infinite. No
 * comments, single quotes, NaN, trailing commas, duplicate keys or trailing content; nesting,
 * string and number lengths are capped so that hostile input fails fast. Thread-safe.
 */
final class JsonTree {
  /** Deepest JSON nesting read. */
  static final int MAX_DEPTH = 100;

  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(400)
          .maxStringLength(1 << 20)
          .maxNameLength(1 << 12)
          .maxDocumentLength(2L << 20)
          .build())
      .build();

  private JsonTree() {}

  /** Malformed JSON: the message says what and where (line and column). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses one whole document from bytes. */
  static Object parse(byte[] bytes, int off, int len) throws Malformed {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), bytes, off, len)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Malformed("empty document");
      }
      Object value = value(p, first);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new Malformed("unexpected content after the JSON value" + at(p.currentTokenLocation()));
      }
      return value;
    } catch (JacksonException e) {
      throw new Malformed(describe(e));
    } catch (LoneSurrogate e) {
      throw new Malformed("malformed JSON: " + e.getMessage());
    } catch (NumberFormatException | ArithmeticException e) {
      // a number beyond even BigDecimal's exponent range
      throw new Malformed("malformed JSON: a number is out of range");
    }
  }

  private static Object value(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = text(p, p.currentName());
          map.put(name, value(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(value(p, e));
        }
        return list;
      }
      case VALUE_STRING:
        return text(p, p.getString());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getBigIntegerValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        return Double.isFinite(d) ? (Object) d : (Object) p.getDecimalValue();
      }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  /** Refuses strings that are not Unicode text: a lone surrogate cannot be written back as UTF-8. */
  private static String text(JsonParser p, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new LoneSurrogate(String.format("a string holds an unpaired surrogate \\u%04x%s",
            (int) c, at(p.currentTokenLocation())));
      }
    }
    return s;
  }

  /** Unchecked so that it can leave the recursive walk; turned into {@link Malformed}. */
  private static final class LoneSurrogate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoneSurrogate(String message) {
      super(message, null, false, false);
    }
  }

  /** A parser error as one line: Jackson's first sentence and the place. */
  static String describe(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    int cut = msg.indexOf('\n');
    if (cut >= 0) {
      msg = msg.substring(0, cut);
    }
    cut = msg.indexOf(" (start marker at");
    if (cut >= 0) {
      msg = msg.substring(0, cut);
    }
    return "malformed JSON: " + msg + at(e.getLocation());
  }

  private static String at(TokenStreamLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? ""
        : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
