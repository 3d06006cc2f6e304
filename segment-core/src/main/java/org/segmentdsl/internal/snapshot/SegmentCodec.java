package org.segmentdsl.internal.snapshot;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionVisitor;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;
import org.segmentdsl.internal.Varints;

/**
 * The binary form of a saved {@link Segment} in snapshot files (snapshot format version 1): exact
 * (every field of every condition record, strings as their UTF-16 code units, numbers as their
 * IEEE-754 bits) and compact, with no JSON library. Later library versions must keep reading
 * what this version writes, so node kinds and enum constants have explicit codes, never {@code
 * ordinal()}; a code, once given, is never reused.
 *
 * <pre>{@code
 * byte[] bytes = SegmentCodec.encode(segment);
 * SegmentCodec.decode(bytes).equals(segment); // true
 * }</pre>
 *
 * <p>Layout (fields in the order of their record's components, labels first):
 *
 * <pre>
 * segment     := version:u8 id:nstring name:nstring description:nstring condition metadata
 * version     := 1
 * metadata    := n:varint (key:string json:string)^n   keys start with "x-", strictly increasing
 *                                                       (String.compareTo)
 * condition   := kind:u8 label:nstring body
 *   kind 1 all      body := n:varint condition^n
 *   kind 2 any      body := n:varint condition^n
 *   kind 3 not      body := condition
 *   kind 4 tag      body := pattern:string tagOp:u8 ignoreCase:bool
 *   kind 5 list     body := list:string status:u8
 *   kind 6 field    body := field:string fieldOp:u8 operand ignoreCase:bool
 *   kind 7 event    body := type:string n:varint filter^n atLeast:nint atMost:nint window
 *   kind 8 segment  body := segmentId:string
 *   kind 9 deal     body := condition
 *   kind 10 account body := condition
 * filter      := prop:string propOp:u8 operand ignoreCase:bool
 * operand     := 1                                  none
 *              | 2 literal                          single
 *              | 3 n:varint literal^n               values
 *              | 4 lo:literal hi:literal            range
 *              | 5 span                             span
 *              | 6 lat:f64 lon:f64 radius:f64 unit:u8   circle
 * literal     := 1 string | 2 f64 | 3 bool           text, number, boolean
 * window      := 0                                  none (all recorded events)
 *              | 1 span                             last
 *              | 2 from:nstring to:nstring          range (bounds are Literal.Text values)
 * span        := weeks:varint days:varint hours:varint minutes:varint seconds:varint
 * string      := n:varint (char:varint)^n           n UTF-16 code units, unpaired surrogates too
 * nstring     := 0 (null) | n+1:varint (char:varint)^n
 * nint        := 0 (null) | n+1:varint
 * bool        := u8, 0 or 1
 * f64         := 8 bytes: the IEEE-754 bits, least significant byte first; never -0.0
 * varint      := unsigned LEB128 (7 bits a byte, low bits first), shortest form, at most 9 bytes
 *
 * tagOp       := 1 eq | 2 startsWith | 3 endsWith | 4 contains
 * status      := 0 (any status) | 1 subscribed | 2 unsubscribed | 3 bounced | 4 unconfirmed
 * fieldOp     := 1 eq | 2 neq | 3 in | 4 notIn | 5 gt | 6 gte | 7 lt | 8 lte | 9 between
 *              | 10 contains | 11 notContains | 12 startsWith | 13 endsWith | 14 isSet
 *              | 15 isNotSet | 16 inLast | 17 olderThan | 18 inNext | 19 anniversary | 20 within
 * propOp      := 1 eq | 2 neq | 3 in | 4 notIn | 5 gt | 6 gte | 7 lt | 8 lte | 9 between
 *              | 10 contains | 11 notContains | 12 startsWith | 13 endsWith | 14 isSet
 *              | 15 isNotSet
 * unit        := 1 km | 2 miles
 * </pre>
 *
 * <p>Every segment has exactly one encoding, and {@link #decode} accepts no other: a decoded
 * segment encodes to the bytes it was read from. Decoding is bounded whatever the input: every
 * count and length is checked against the bytes that remain before anything is allocated, the
 * format's limits (segment-format.md 4: nesting depth {@value #MAX_DEPTH}, {@value
 * #MAX_CONDITIONS} conditions, {@value Operand#MAX_VALUES} values in one {@code in}) are checked
 * as the bytes are read, and records are built through their constructors, so that their own
 * checks run. Segments past those limits cannot be encoded either.
 */
public final class SegmentCodec {
  /** The codec version this class writes as the first byte, and the only one it reads. */
  public static final int VERSION = 1;

  /** Most groups ({@code all any not deal account}) on one path from the root, as the format. */
  static final int MAX_DEPTH = 32;

  /** Most conditions in one segment's tree, as the format. */
  static final int MAX_CONDITIONS = 10_000;

  private static final int ALL = 1;
  private static final int ANY = 2;
  private static final int NOT = 3;
  private static final int TAG = 4;
  private static final int LIST = 5;
  private static final int FIELD = 6;
  private static final int EVENT = 7;
  private static final int SEGMENT = 8;
  private static final int DEAL = 9;
  private static final int ACCOUNT = 10;

  private static final int OPERAND_NONE = 1;
  private static final int OPERAND_SINGLE = 2;
  private static final int OPERAND_VALUES = 3;
  private static final int OPERAND_RANGE = 4;
  private static final int OPERAND_SPAN = 5;
  private static final int OPERAND_CIRCLE = 6;

  private static final int LITERAL_TEXT = 1;
  private static final int LITERAL_NUMBER = 2;
  private static final int LITERAL_BOOL = 3;

  private static final int WINDOW_NONE = 0;
  private static final int WINDOW_LAST = 1;
  private static final int WINDOW_RANGE = 2;

  private static final Codes<TagCondition.Op> TAG_OPS =
      new Codes<>(TagCondition.Op.class, "tag operator")
          .add(1, TagCondition.Op.EQ)
          .add(2, TagCondition.Op.STARTS_WITH)
          .add(3, TagCondition.Op.ENDS_WITH)
          .add(4, TagCondition.Op.CONTAINS);

  private static final Codes<ListStatus> STATUSES = new Codes<>(ListStatus.class, "list status")
      .add(1, ListStatus.SUBSCRIBED)
      .add(2, ListStatus.UNSUBSCRIBED)
      .add(3, ListStatus.BOUNCED)
      .add(4, ListStatus.UNCONFIRMED);

  private static final Codes<FieldOperator> FIELD_OPS =
      new Codes<>(FieldOperator.class, "field operator")
          .add(1, FieldOperator.EQ)
          .add(2, FieldOperator.NEQ)
          .add(3, FieldOperator.IN)
          .add(4, FieldOperator.NOT_IN)
          .add(5, FieldOperator.GT)
          .add(6, FieldOperator.GTE)
          .add(7, FieldOperator.LT)
          .add(8, FieldOperator.LTE)
          .add(9, FieldOperator.BETWEEN)
          .add(10, FieldOperator.CONTAINS)
          .add(11, FieldOperator.NOT_CONTAINS)
          .add(12, FieldOperator.STARTS_WITH)
          .add(13, FieldOperator.ENDS_WITH)
          .add(14, FieldOperator.IS_SET)
          .add(15, FieldOperator.IS_NOT_SET)
          .add(16, FieldOperator.IN_LAST)
          .add(17, FieldOperator.OLDER_THAN)
          .add(18, FieldOperator.IN_NEXT)
          .add(19, FieldOperator.ANNIVERSARY)
          .add(20, FieldOperator.WITHIN);

  private static final Codes<PropertyFilter.Op> PROP_OPS =
      new Codes<>(PropertyFilter.Op.class, "property operator")
          .add(1, PropertyFilter.Op.EQ)
          .add(2, PropertyFilter.Op.NEQ)
          .add(3, PropertyFilter.Op.IN)
          .add(4, PropertyFilter.Op.NOT_IN)
          .add(5, PropertyFilter.Op.GT)
          .add(6, PropertyFilter.Op.GTE)
          .add(7, PropertyFilter.Op.LT)
          .add(8, PropertyFilter.Op.LTE)
          .add(9, PropertyFilter.Op.BETWEEN)
          .add(10, PropertyFilter.Op.CONTAINS)
          .add(11, PropertyFilter.Op.NOT_CONTAINS)
          .add(12, PropertyFilter.Op.STARTS_WITH)
          .add(13, PropertyFilter.Op.ENDS_WITH)
          .add(14, PropertyFilter.Op.IS_SET)
          .add(15, PropertyFilter.Op.IS_NOT_SET);

  private static final Codes<Operand.DistanceUnit> UNITS =
      new Codes<>(Operand.DistanceUnit.class, "distance unit")
          .add(1, Operand.DistanceUnit.KM)
          .add(2, Operand.DistanceUnit.MILES);

  /** Stands in for the condition while a segment's header fields are checked one by one. */
  private static final Condition EVERYONE = new All(List.of());

  private SegmentCodec() {}

  /**
   * The bytes of a segment.
   *
   * @throws IllegalArgumentException if the segment is past the format's limits (conditions nested
   *     deeper than {@value #MAX_DEPTH} levels, more than {@value #MAX_CONDITIONS} conditions),
   *     which no snapshot could read back
   */
  public static byte[] encode(Segment segment) {
    Encoder out = new Encoder();
    out.u8(VERSION);
    out.nullableString(segment.id());
    out.nullableString(segment.name());
    out.nullableString(segment.description());
    segment.condition().accept(out);
    out.varint(segment.metadata().size());
    segment.metadata().forEach((key, json) -> {
      out.string(key);
      out.string(json);
    });
    return out.toByteArray();
  }

  /**
   * The segment {@link #encode} wrote into {@code bytes}, which must hold exactly that.
   *
   * @throws IllegalArgumentException saying what is wrong and at which byte offset, for any input
   *     that is not the encoding of a valid segment (truncated, damaged, of another version, past
   *     the format's limits, followed by other bytes)
   */
  public static Segment decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Decoder in = new Decoder(bytes);
    int version = in.u8("codec version");
    if (version != VERSION) {
      throw in.error(0, "codec version " + version + " is not supported (this library reads "
          + VERSION + ")");
    }
    String id = in.header("id", s -> new Segment(s, null, null, EVERYONE));
    String name = in.header("name", s -> new Segment(null, s, null, EVERYONE));
    String description = in.header("description", s -> new Segment(null, null, s, EVERYONE));
    Condition condition = in.condition(0);
    int metadataAt = in.pos;
    SortedMap<String, String> metadata = in.metadata();
    if (in.pos != bytes.length) {
      throw in.error(in.pos, (bytes.length - in.pos) + " bytes follow the end of the segment");
    }
    return in.build(metadataAt, "segment",
        () -> new Segment(id, name, description, condition, metadata));
  }

  /**
   * The format's codes of one enum's constants, given explicitly rather than taken from {@code
   * ordinal()}, which reordering the enum would change. Code 0 is never a constant's.
   */
  private static final class Codes<E extends Enum<E>> {
    private final String what;
    private final EnumMap<E, Integer> codes;
    private final Map<Integer, E> constants = new HashMap<>();

    Codes(Class<E> type, String what) {
      this.what = what;
      this.codes = new EnumMap<>(type);
    }

    Codes<E> add(int code, E constant) {
      if (code <= 0 || code > 0xFF || constants.put(code, constant) != null
          || codes.put(constant, code) != null) {
        throw new IllegalStateException("bad or repeated code " + code + " for " + constant);
      }
      return this;
    }

    int code(E constant) {
      Integer code = codes.get(constant);
      if (code == null) {
        // a constant added to the enum since: it needs a new code here, and in the Javadoc
        throw new IllegalStateException(
            what + " " + constant + " has no code in the segment codec");
      }
      return code;
    }
  }

  /**
   * Writes a segment; as the visitor, writes one condition (kind, label, body) and keeps count of
   * the conditions and of the groups above the one being written.
   */
  private static final class Encoder implements ConditionVisitor<Void> {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private final byte[] scratch = new byte[10];
    private int depth;
    private int conditions;

    byte[] toByteArray() {
      return out.toByteArray();
    }

    void u8(int b) {
      out.write(b);
    }

    void varint(long v) {
      out.write(scratch, 0, Varints.write(scratch, 0, v));
    }

    void bool(boolean b) {
      u8(b ? 1 : 0);
    }

    void f64(double d) {
      long bits = Double.doubleToRawLongBits(d);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)));
      }
    }

    void string(String s) {
      varint(s.length());
      chars(s);
    }

    void nullableString(String s) {
      if (s == null) {
        varint(0);
      } else {
        varint(s.length() + 1L);
        chars(s);
      }
    }

    private void chars(String s) {
      for (int i = 0; i < s.length(); i++) {
        varint(s.charAt(i));
      }
    }

    void nullableInt(Integer n) {
      varint(n == null ? 0 : n + 1L);
    }

    /** Writes a condition's kind and label, counted against the format's limit. */
    private void node(int kind, Condition c) {
      if (++conditions > MAX_CONDITIONS) {
        throw new IllegalArgumentException(
            "cannot encode a segment of more than " + MAX_CONDITIONS + " conditions");
      }
      u8(kind);
      nullableString(c.label());
    }

    /** Writes a group's children one level down; refuses to go deeper than the format allows. */
    private void children(List<Condition> children) {
      if (depth >= MAX_DEPTH) {
        throw new IllegalArgumentException("cannot encode a segment whose conditions are nested"
            + " deeper than " + MAX_DEPTH + " levels");
      }
      depth++;
      for (Condition child : children) {
        child.accept(this);
      }
      depth--;
    }

    @Override
    public Void visitAll(All all) {
      node(ALL, all);
      varint(all.conditions().size());
      children(all.conditions());
      return null;
    }

    @Override
    public Void visitAny(Any any) {
      node(ANY, any);
      varint(any.conditions().size());
      children(any.conditions());
      return null;
    }

    @Override
    public Void visitNot(Not not) {
      node(NOT, not);
      children(List.of(not.condition()));
      return null;
    }

    @Override
    public Void visitTag(TagCondition tag) {
      node(TAG, tag);
      string(tag.pattern());
      u8(TAG_OPS.code(tag.op()));
      bool(tag.ignoreCase());
      return null;
    }

    @Override
    public Void visitList(ListCondition list) {
      node(LIST, list);
      string(list.list());
      u8(list.status() == null ? 0 : STATUSES.code(list.status()));
      return null;
    }

    @Override
    public Void visitField(FieldCondition field) {
      node(FIELD, field);
      string(field.field());
      u8(FIELD_OPS.code(field.op()));
      operand(field.operand());
      bool(field.ignoreCase());
      return null;
    }

    @Override
    public Void visitEvent(EventCondition event) {
      node(EVENT, event);
      string(event.type());
      varint(event.filters().size());
      for (PropertyFilter f : event.filters()) {
        string(f.prop());
        u8(PROP_OPS.code(f.op()));
        operand(f.operand());
        bool(f.ignoreCase());
      }
      nullableInt(event.atLeast());
      nullableInt(event.atMost());
      if (event.window() == null) {
        u8(WINDOW_NONE);
      } else if (event.window() instanceof EventWindow.Last last) {
        u8(WINDOW_LAST);
        span(last.span());
      } else {
        EventWindow.Range range = (EventWindow.Range) event.window();
        u8(WINDOW_RANGE);
        nullableString(range.from() == null ? null : range.from().value());
        nullableString(range.to() == null ? null : range.to().value());
      }
      return null;
    }

    @Override
    public Void visitSegment(SegmentReference segment) {
      node(SEGMENT, segment);
      string(segment.segmentId());
      return null;
    }

    @Override
    public Void visitDeal(DealCondition deal) {
      node(DEAL, deal);
      children(List.of(deal.where()));
      return null;
    }

    @Override
    public Void visitAccount(AccountCondition account) {
      node(ACCOUNT, account);
      children(List.of(account.where()));
      return null;
    }

    private void operand(Operand operand) {
      if (operand instanceof Operand.None) {
        u8(OPERAND_NONE);
      } else if (operand instanceof Operand.Single single) {
        u8(OPERAND_SINGLE);
        literal(single.value());
      } else if (operand instanceof Operand.Values values) {
        u8(OPERAND_VALUES);
        varint(values.values().size());
        values.values().forEach(this::literal);
      } else if (operand instanceof Operand.Range range) {
        u8(OPERAND_RANGE);
        literal(range.lo());
        literal(range.hi());
      } else if (operand instanceof Operand.Span span) {
        u8(OPERAND_SPAN);
        span(span.span());
      } else {
        Operand.Circle circle = (Operand.Circle) operand;
        u8(OPERAND_CIRCLE);
        f64(circle.lat());
        f64(circle.lon());
        f64(circle.radius());
        u8(UNITS.code(circle.unit()));
      }
    }

    private void literal(Literal literal) {
      if (literal instanceof Literal.Text text) {
        u8(LITERAL_TEXT);
        string(text.value());
      } else if (literal instanceof Literal.Number number) {
        u8(LITERAL_NUMBER);
        f64(number.value());
      } else {
        u8(LITERAL_BOOL);
        bool(((Literal.Bool) literal).value());
      }
    }

    private void span(TimeSpan span) {
      varint(span.weeks());
      varint(span.days());
      varint(span.hours());
      varint(span.minutes());
      varint(span.seconds());
    }
  }

  /**
   * Reads a segment, checking every byte: each read either returns a value or throws an {@link
   * IllegalArgumentException} naming the offset. Recursion follows the condition tree and stops at
   * the format's depth, so hostile nesting cannot overflow the stack.
   */
  private static final class Decoder {
    private final byte[] bytes;
    private int pos;
    private int conditions;

    Decoder(byte[] bytes) {
      this.bytes = bytes;
    }

    IllegalArgumentException error(int at, String message) {
      return new IllegalArgumentException(
          "malformed segment encoding at byte " + at + ": " + message);
    }

    private int remaining() {
      return bytes.length - pos;
    }

    /**
     * Runs a record's constructor or factory, turning whatever it refuses into an {@link
     * IllegalArgumentException} at {@code at}, the offset where the record's bytes start.
     */
    <T> T build(int at, String what, Supplier<T> make) {
      try {
        return make.get();
      } catch (RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        IllegalArgumentException wrapped =
            error(at, message.startsWith(what) ? message : what + ": " + message);
        wrapped.initCause(e);
        throw wrapped;
      }
    }

    int u8(String what) {
      if (pos >= bytes.length) {
        throw error(pos, "the bytes end where the " + what + " should be");
      }
      return bytes[pos++] & 0xFF;
    }

    /** A varint in its shortest form, of at most 63 bits (every value the format holds fits). */
    long varint(String what) {
      int at = pos;
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift == 63) {
          throw error(at, "the " + what + " is a varint longer than 9 bytes");
        }
        int b = u8(what);
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (b == 0 && shift > 0) {
            throw error(at, "the " + what + " is a varint not in its shortest form");
          }
          return v;
        }
      }
    }

    /**
     * A count or length of at most {@code max}, and no more than the bytes that remain (every
     * element takes at least one), so that what it sizes can be allocated.
     */
    int count(String what, long max) {
      int at = pos;
      long n = varint(what);
      if (n > max) {
        throw error(at, "the " + what + " is " + n + ", more than the limit " + max);
      }
      if (n > remaining()) {
        throw error(at, "the " + what + " is " + n + ", more than the " + remaining()
            + " bytes that remain");
      }
      return (int) n;
    }

    boolean bool(String what) {
      int at = pos;
      int b = u8(what);
      if (b > 1) {
        throw error(at, "the " + what + " is " + b + ", not 0 or 1");
      }
      return b == 1;
    }

    double f64(String what) {
      if (remaining() < 8) {
        throw error(pos, "the bytes end inside the " + what);
      }
      int at = pos;
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits |= (bytes[pos++] & 0xFFL) << (8 * i);
      }
      if (bits == Long.MIN_VALUE) {
        throw error(at, "the " + what + " is -0.0, which is written as 0.0");
      }
      return Double.longBitsToDouble(bits);
    }

    String string(String what) {
      return chars(count(what + "'s length", Integer.MAX_VALUE), what);
    }

    String nullableString(String what) {
      int at = pos;
      long n = varint(what + "'s length");
      if (n == 0) {
        return null;
      }
      if (n - 1 > remaining()) {
        throw error(at, "the " + what + "'s length is " + (n - 1) + ", more than the "
            + remaining() + " bytes that remain");
      }
      return chars((int) (n - 1), what);
    }

    private String chars(int n, String what) {
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        int at = pos;
        long c = varint(what + "'s character");
        if (c > Character.MAX_VALUE) {
          throw error(at, "a character of the " + what + " is " + c + ", not a UTF-16 unit");
        }
        chars[i] = (char) c;
      }
      return new String(chars);
    }

    Integer nullableInt(String what) {
      int at = pos;
      long n = varint(what);
      if (n - 1 > Integer.MAX_VALUE) {
        throw error(at, "the " + what + " is " + (n - 1) + ", more than an int holds");
      }
      return n == 0 ? null : (int) (n - 1);
    }

    <E extends Enum<E>> E constant(Codes<E> codes) {
      int at = pos;
      int code = u8(codes.what);
      E constant = codes.constants.get(code);
      if (constant == null) {
        throw error(at, "unknown " + codes.what + " code " + code);
      }
      return constant;
    }

    /** A constant, or null for code 0. */
    <E extends Enum<E>> E constantOrNull(Codes<E> codes) {
      if (pos < bytes.length && bytes[pos] == 0) {
        pos++;
        return null;
      }
      return constant(codes);
    }

    /**
     * A nullable header field of the segment, checked on its own by the segment's constructor
     * ({@code check} builds a segment of that field alone), so that an error names its offset.
     */
    String header(String what, Function<String, Segment> check) {
      int at = pos;
      String value = nullableString("segment " + what);
      build(at, "segment " + what, () -> check.apply(value));
      return value;
    }

    SortedMap<String, String> metadata() {
      int n = count("number of metadata entries", Integer.MAX_VALUE);
      TreeMap<String, String> metadata = new TreeMap<>();
      String previous = null;
      for (int i = 0; i < n; i++) {
        int at = pos;
        String key = string("metadata key");
        if (!key.startsWith("x-")) {
          throw error(at, "metadata key \"" + key + "\" does not start with \"x-\"");
        }
        if (previous != null && previous.compareTo(key) >= 0) {
          throw error(at, "metadata key \"" + key + "\" is not after \"" + previous + "\"");
        }
        metadata.put(key, string("metadata value"));
        previous = key;
      }
      return metadata;
    }

    /** A condition {@code depth} groups below the root. */
    Condition condition(int depth) {
      int at = pos;
      if (++conditions > MAX_CONDITIONS) {
        throw error(at, "more than " + MAX_CONDITIONS + " conditions");
      }
      int kind = u8("condition kind");
      String label = nullableString("label");
      switch (kind) {
        case ALL -> {
          List<Condition> children = children(at, depth);
          return build(at, "all", () -> new All(children, label));
        }
        case ANY -> {
          List<Condition> children = children(at, depth);
          return build(at, "any", () -> new Any(children, label));
        }
        case NOT -> {
          Condition child = child(at, depth);
          return build(at, "not", () -> new Not(child, label));
        }
        case TAG -> {
          String pattern = string("tag pattern");
          TagCondition.Op op = constant(TAG_OPS);
          boolean ignoreCase = bool("tag ignoreCase");
          return build(at, "tag", () -> new TagCondition(pattern, op, ignoreCase, label));
        }
        case LIST -> {
          String list = string("list name");
          ListStatus status = constantOrNull(STATUSES);
          return build(at, "list", () -> new ListCondition(list, status, label));
        }
        case FIELD -> {
          String field = string("field name");
          FieldOperator op = constant(FIELD_OPS);
          Operand operand = operand();
          boolean ignoreCase = bool("field ignoreCase");
          return build(at, "field",
              () -> new FieldCondition(field, op, operand, ignoreCase, label));
        }
        case EVENT -> {
          return event(at, label);
        }
        case SEGMENT -> {
          String id = string("segment id");
          return build(at, "segment", () -> new SegmentReference(id, label));
        }
        case DEAL -> {
          Condition where = child(at, depth);
          return build(at, "deal", () -> new DealCondition(where, label));
        }
        case ACCOUNT -> {
          Condition where = child(at, depth);
          return build(at, "account", () -> new AccountCondition(where, label));
        }
        default -> throw error(at, "unknown condition kind " + kind);
      }
    }

    /** The children of the group at {@code at}, which is {@code depth} groups below the root. */
    private List<Condition> children(int at, int depth) {
      checkDepth(at, depth);
      int n = count("number of children", MAX_CONDITIONS);
      List<Condition> children = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        children.add(condition(depth + 1));
      }
      return children;
    }

    private Condition child(int at, int depth) {
      checkDepth(at, depth);
      return condition(depth + 1);
    }

    private void checkDepth(int at, int depth) {
      if (depth >= MAX_DEPTH) {
        throw error(at, "conditions are nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private EventCondition event(int at, String label) {
      String type = string("event type");
      int n = count("number of property filters", Integer.MAX_VALUE);
      List<PropertyFilter> filters = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int filterAt = pos;
        String prop = string("property name");
        PropertyFilter.Op op = constant(PROP_OPS);
        Operand operand = operand();
        boolean ignoreCase = bool("property ignoreCase");
        filters.add(build(filterAt, "property filter",
            () -> new PropertyFilter(prop, op, operand, ignoreCase)));
      }
      Integer atLeast = nullableInt("atLeast");
      Integer atMost = nullableInt("atMost");
      EventWindow window = window();
      return build(at, "event",
          () -> new EventCondition(type, filters, atLeast, atMost, window, label));
    }

    private EventWindow window() {
      int at = pos;
      int kind = u8("window kind");
      switch (kind) {
        case WINDOW_NONE -> {
          return null;
        }
        case WINDOW_LAST -> {
          TimeSpan span = span();
          return build(at, "window", () -> new EventWindow.Last(span));
        }
        case WINDOW_RANGE -> {
          String from = nullableString("window from");
          String to = nullableString("window to");
          return build(at, "window", () -> new EventWindow.Range(text(from), text(to)));
        }
        default -> throw error(at, "unknown window kind " + kind);
      }
    }

    private static Literal.Text text(String bound) {
      return bound == null ? null : new Literal.Text(bound);
    }

    private Operand operand() {
      int at = pos;
      int kind = u8("operand kind");
      switch (kind) {
        case OPERAND_NONE -> {
          return Operand.None.INSTANCE;
        }
        case OPERAND_SINGLE -> {
          Literal value = literal();
          return build(at, "operand", () -> new Operand.Single(value));
        }
        case OPERAND_VALUES -> {
          int n = count("number of values", Operand.MAX_VALUES);
          List<Literal> values = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            values.add(literal());
          }
          return build(at, "operand", () -> new Operand.Values(values));
        }
        case OPERAND_RANGE -> {
          Literal lo = literal();
          Literal hi = literal();
          return build(at, "operand", () -> new Operand.Range(lo, hi));
        }
        case OPERAND_SPAN -> {
          TimeSpan span = span();
          return build(at, "operand", () -> new Operand.Span(span));
        }
        case OPERAND_CIRCLE -> {
          double lat = f64("circle latitude");
          double lon = f64("circle longitude");
          double radius = f64("circle radius");
          Operand.DistanceUnit unit = constant(UNITS);
          return build(at, "circle", () -> new Operand.Circle(lat, lon, radius, unit));
        }
        default -> throw error(at, "unknown operand kind " + kind);
      }
    }

    private Literal literal() {
      int at = pos;
      int kind = u8("value kind");
      switch (kind) {
        case LITERAL_TEXT -> {
          String text = string("string value");
          return build(at, "value", () -> new Literal.Text(text));
        }
        case LITERAL_NUMBER -> {
          double number = f64("number value");
          return build(at, "value", () -> new Literal.Number(number));
        }
        case LITERAL_BOOL -> {
          return new Literal.Bool(bool("boolean value"));
        }
        default -> throw error(at, "unknown value kind " + kind);
      }
    }

    private TimeSpan span() {
      int at = pos;
      long weeks = varint("span weeks");
      long days = varint("span days");
      long hours = varint("span hours");
      long minutes = varint("span minutes");
      long seconds = varint("span seconds");
      return build(at, "duration", () -> new TimeSpan(weeks, days, hours, minutes, seconds));
    }
  }
}
