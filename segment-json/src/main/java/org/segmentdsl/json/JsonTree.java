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
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Strict JSON (RFC 8259) into plain Java values: {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@code String}, {@code Long} (integers that fit), {@code BigInteger}
 * (larger integers), {@link WrittenNumber} (other numbers: a double and the text as written, for
 * messages), {@code BigDecimal} (beyond a double's range),
 * {@code Boolean} and {@code null}. Numbers are exact as written, so {@code x-} metadata survives a
 * round trip; readers that need a double take {@code doubleValue()} and refuse the infinite. No
 * comments, single quotes, NaN, trailing commas, duplicate keys or trailing content; UTF-8 only
 * (UTF-16 and UTF-32 are refused, not detected); names and numbers at most 1,024 characters. A
 * value nested deeper than {@link #MAX_DEPTH} is read past and stands as {@link TooDeep#VALUE}, so
 * that a reader refuses it where it meets it, with a pointer, in its own words. Messages speak of
 * JSON, never of the parser's internals. Thread-safe.
 */
final class JsonTree {
  /** Nesting kept: deep enough for any document within the format's limits. */
  static final int MAX_DEPTH = 100;
  /** The longest name (object key) read, in characters. */
  static final int MAX_NAME = 1024;
  /** The longest number read, in digits. */
  static final int MAX_NUMBER = 1024;

  static final JsonFactory FACTORY = JsonFactory.builder()
      // a parser per line: the default pool's concurrent deque cost a tenth of an events load
      .recyclerPool(JsonRecyclerPools.threadLocalPool())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      // Inputs are at most 1 MiB (+1 byte), so only the number limit can be reached: the walk
      // below checks names and cuts nesting itself, with messages and pointers of its own.
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(1 << 22)
          .maxNumberLength(MAX_NUMBER)
          .maxStringLength(4 << 20)
          .maxNameLength(4 << 20)
          .maxDocumentLength(4L << 20)
          .build())
      .build();

  private JsonTree() {}

  /** What stands for a value nested deeper than {@link #MAX_DEPTH}: its content is not kept. */
  enum TooDeep {
    VALUE;

    @Override
    public String toString() {
      return "a value nested deeper than " + MAX_DEPTH + " levels";
    }
  }

  /** Malformed JSON: the message says what and where (line and column). */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses one whole document from bytes, which must be UTF-8. */
  static Object parse(byte[] bytes, int off, int len) throws Malformed {
    String encoding = Utf8.problem(bytes, off, len);
    if (encoding != null) {
      throw new Malformed(encoding);
    }
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), bytes, off, len)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Malformed("empty document");
      }
      Object value = value(p, first, 1);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new Malformed("unexpected content after the JSON value" + at(p.currentTokenLocation()));
      }
      return value;
    } catch (JacksonException e) {
      throw new Malformed(describe(e));
    } catch (Refused e) {
      throw new Malformed(e.getMessage());
    } catch (NumberFormatException | ArithmeticException e) {
      // a number beyond even BigDecimal's exponent range
      throw new Malformed("malformed JSON: a number is out of range");
    }
  }

  /** The value that starts with token {@code t}, at nesting {@code depth} (1 for the root). */
  private static Object value(JsonParser p, JsonToken t, int depth) {
    switch (t) {
      case START_OBJECT: {
        if (depth > MAX_DEPTH) {
          p.skipChildren();
          return TooDeep.VALUE;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = text(p, p.currentName());
          if (name.length() > MAX_NAME) {
            throw new Refused(String.format("name too long: at most %,d characters%s", MAX_NAME,
                at(p.currentTokenLocation())));
          }
          map.put(name, value(p, p.nextToken(), depth + 1));
        }
        return map;
      }
      case START_ARRAY: {
        if (depth > MAX_DEPTH) {
          p.skipChildren();
          return TooDeep.VALUE;
        }
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(value(p, e, depth + 1));
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
        return Double.isFinite(d) ? (Object) new WrittenNumber(p.getString(), d)
            : (Object) p.getDecimalValue();
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
    int i = JsonText.unpairedSurrogate(s);
    if (i >= 0) {
      throw new Refused(String.format("malformed JSON: a string holds an unpaired surrogate "
          + "\\u%04x%s", (int) s.charAt(i), at(p.currentTokenLocation())));
    }
    return s;
  }

  /** Unchecked so that it can leave the recursive walk; turned into {@link Malformed}. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A parser error as one line in the words of the formats, and the place. The parser's own
   * words are kept only where they speak of JSON: never of its features, constraints or classes.
   */
  static String describe(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = "";
    }
    int cut = msg.indexOf('\n');
    if (cut >= 0) {
      msg = msg.substring(0, cut);
    }
    for (String where : new String[] {" (start marker at", " (for Array", " (for Object"}) {
      cut = msg.indexOf(where); // where the container began, in the parser's notation
      if (cut >= 0) {
        msg = msg.substring(0, cut);
      }
    }
    return said(e, msg) + at(e.getLocation());
  }

  private static final String[] INTERNALS = {"`", "Feature", "feature", "ackson", "StreamRead",
      "JsonRead", "Exception", "REDACTED", "ALLOW_", "VALUE_", "START_", "END_", "FIELD_NAME",
      "PROPERTY_NAME", "NOT_AVAILABLE", "getMax", "Constraints"};

  private static String said(JacksonException e, String msg) {
    if (e instanceof StreamConstraintsException) {
      // only the number limit is within reach of the inputs (see FACTORY)
      return msg.startsWith("Number")
          ? String.format("number too long: at most %,d digits", MAX_NUMBER)
          : "a JSON value is too large to read";
    }
    String nonStandard = "Non-standard token '";
    if (msg.startsWith(nonStandard) && msg.indexOf('\'', nonStandard.length()) > 0) {
      String token = msg.substring(nonStandard.length(), msg.indexOf('\'', nonStandard.length()));
      return "malformed JSON: not a number: " + token + " is not JSON";
    }
    if (msg.contains("comment")) {
      return "malformed JSON: comments are not JSON";
    }
    if (msg.contains("hexadecimal")) {
      return "malformed JSON: hexadecimal numbers are not JSON";
    }
    if (msg.contains("plus sign")) {
      return "malformed JSON: a number cannot start with '+'";
    }
    if (msg.startsWith("Duplicate Object property ")) {
      String key = msg.substring("Duplicate Object property ".length());
      return "malformed JSON: duplicate key " + key;
    }
    if (msg.startsWith("Unexpected end-of-input in ")) { // a token type's name follows
      return msg.endsWith("VALUE_STRING") ? "malformed JSON: unexpected end of input in a string"
          : "malformed JSON: unexpected end of input";
    }
    for (String internal : INTERNALS) {
      if (msg.contains(internal)) {
        return "malformed JSON";
      }
    }
    return msg.isEmpty() ? "malformed JSON" : "malformed JSON: " + msg;
  }

  private static String at(TokenStreamLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? ""
        : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
