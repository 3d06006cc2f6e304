package org.segmentdsl.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.segmentdsl.Contact;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
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
import org.segmentdsl.dsl.Conditions;

/**
 * One random world for property tests, all drawn from one seeded {@link SplittableRandom}: a
 * schema with several fields of each type under random names, small value vocabularies clustered
 * so that conditions hit (mixed-case strings and {@code ""}, {@code -0.0} and duplicates, dates
 * around today and 29 February, datetimes at window edges to the microsecond, points near the
 * poles and the antimeridian), evaluation contexts in several zones, and generators of contacts,
 * field values and condition trees that use every operator with values that fit the field.
 *
 * <p>Events (segment-format.md 3.5): a few types, times clustered on window edges (now, now - D
 * and a microsecond either side, UTC and local midnights, month starts, the window bounds the
 * conditions use) and spread over months, years and the far past; properties of every JSON type,
 * the same name with different types across events; event conditions with every property
 * operator, every form of bounds and of windows.
 *
 * <p>Deals and accounts (3.7): the schema also has deal and account fields of every type (names
 * drawn apart from the contact fields', some the same as a contact field's); deals and accounts
 * take their values from narrow vocabularies of their own, so that a contact's deals often share
 * some values and differ in others (which is when "all on the same deal" matters); contacts link
 * to one of a few accounts, or to none. Deal and account conditions nest all, any and not over
 * every field operator, and "probes": all of a few equalities on one deal or account.
 *
 * <p>Segment references (3.6): {@link #newRegistry} makes 0 to 5 saved segments, each of which
 * references only segments made before it; later trees reference any of them.
 */
final class Scenario {
  static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("America/New_York"),
      ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Europe/London"),
      ZoneId.of("America/Santiago"), ZoneId.of("America/Havana"));

  private static final List<String> STRINGS = List.of("", "a", "A", "ab", "Ab", "aB", "AB", "abc",
      "ABC", "b", "ba", "bab", "US", "us", "Us", "uS", "\u0130", "i", "I", "\u0131", "\u00df", "SS",
      "ss", "\u00c9", "\u00e9", "a b", " a", "a ", "x-y", "crm", "CRM", "interest-crm");

  private static final List<String> TAGS = List.of("interest-crm", "Interest-CRM", "interest-erp",
      "status-customer", "status-lead", "a", "A", "ab", "b", "x", "\u0130", "i", "crm", "CRM",
      "vip", "VIP-1");

  private static final List<String> LISTS = List.of("newsletter", "Newsletter", "promo", "beta");

  private static final List<Double> NUMBERS = List.of(-0.0, 0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.0,
      3.0, 42.0, 100.0, -100.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
      Math.nextUp(1.0), Math.nextDown(1.0), 1e15, 9007199254740993.0, Double.MAX_VALUE,
      -Double.MAX_VALUE, 0.1, 0.30000000000000004, 123456.789);

  private static final double[][] CENTRES = {{0, 0}, {0, 179.99}, {0, -179.99}, {0, 180},
      {0, -180}, {89.999, 0}, {-89.999, 45}, {90, 0}, {-90, 0}, {40.71, -74.0}, {51.5, -0.12},
      {-33.87, 151.21}, {64.1, -21.9}, {-16.5, 179.9}, {71.0, -179.5}};

  private static final double[] RADII_KM = {1e-6, 0.5, 1, 10, 50, 111.2, 500, 2000, 10007.5,
      20015.1, 25000};

  private static final List<TimeSpan> DATE_SPANS = List.of(TimeSpan.ofDays(1), TimeSpan.ofDays(2),
      new TimeSpan(1, 0, 0, 0, 0), TimeSpan.ofDays(7), new TimeSpan(1, 1, 0, 0, 0),
      TimeSpan.ofDays(29), TimeSpan.ofDays(30), TimeSpan.ofDays(31), TimeSpan.ofDays(365),
      new TimeSpan(52, 1, 0, 0, 0), TimeSpan.ofDays(36500));

  private static final List<TimeSpan> TIME_SPANS = List.of(TimeSpan.parse("PT1S"),
      TimeSpan.parse("PT1M"), TimeSpan.parse("PT1H"), TimeSpan.parse("PT12H"),
      TimeSpan.parse("P1D"), TimeSpan.parse("P1DT6H"), TimeSpan.parse("P1W"),
      TimeSpan.parse("P2W"), TimeSpan.parse("P1W2D"), TimeSpan.parse("P30D"),
      TimeSpan.parse("PT90M"), TimeSpan.parse("PT86400S"), TimeSpan.parse("P36500D"));

  private static final List<ZoneOffset> OFFSETS = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(2),
      ZoneOffset.ofHours(-5), ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(14),
      ZoneOffset.ofHours(-11), ZoneOffset.ofHoursMinutes(5, 45));

  /** Event types that get recorded (case-sensitive: "purchase" and "Purchase" differ). */
  static final List<String> EVENT_TYPES = List.of("email_open", "email_click", "purchase",
      "Purchase", "page.visit");

  /** An event type that conditions use and that is never recorded. */
  static final String UNRECORDED_TYPE = "form_submit";

  /** Event property names; conditions also test "missing", which no event has. */
  static final List<String> PROPS = List.of("campaign", "amount", "url", "flag", "n");

  private static final List<String> PROP_STRINGS = List.of("", "spring-sale", "Spring-Sale",
      "SPRING", "crm", "CRM", "https://x.com/CRM/demo", "1", "100", "0", "true", "a", "A", " ",
      "\u0130", "i", "\u00df", "SS");

  private static final List<Double> PROP_NUMBERS = List.of(-0.0, 0.0, 1.0, -1.0, 2.0, 3.0, 100.0,
      100.5, Math.nextDown(100.0), 0.1, 0.30000000000000004, 42.0, 1e-300, -1e300,
      9007199254740993.0, Double.MIN_VALUE);

  private static final List<TimeSpan> EVENT_SPANS = List.of(TimeSpan.parse("PT1S"),
      TimeSpan.parse("PT1M"), TimeSpan.parse("PT90M"), TimeSpan.parse("PT12H"),
      TimeSpan.parse("P1D"), TimeSpan.parse("PT86400S"), TimeSpan.parse("P1DT6H"),
      TimeSpan.parse("P1W"), TimeSpan.parse("P2W"), TimeSpan.parse("P1W2D"),
      TimeSpan.parse("P30D"), TimeSpan.parse("P31D"), TimeSpan.parse("P90D"),
      TimeSpan.parse("P365D"), TimeSpan.parse("P366D"), TimeSpan.parse("P400D"),
      TimeSpan.parse("P1000D"), TimeSpan.parse("P3650D"), TimeSpan.parse("P36500D"));

  /** Event times far from now: the distant past (also before year 1 and before 1970), the future. */
  private static final List<Instant> FAR_TIMES = List.of(Instant.parse("-5000-03-01T00:00:00Z"),
      Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("1000-06-15T12:00:00Z"),
      Instant.parse("1899-12-31T23:59:59.999999Z"), Instant.parse("1900-01-01T00:00:00Z"),
      Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.EPOCH,
      Instant.parse("1969-12-31T23:59:59.999999500Z"), Instant.parse("2199-12-31T23:59:59Z"),
      Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("+12345-06-01T00:00:00Z"));

  /** Ids of saved segments: the corners of {@code [a-z0-9][a-z0-9._-]{0,127}}. */
  static final List<String> SEGMENT_IDS = List.of("engaged", "customers", "leads.crm", "x-1",
      "0day", "a", "a.b-c_d", "z", "9", "seg.a", "seg-a", "seg_a", "vip-2026");

  /** Account ids: a few, so that removed accounts come back; "acme" and "Acme" differ. */
  static final List<String> ACCOUNT_IDS = List.of("acme", "Acme", "bolt", "acme.eu", "a", "x-1",
      "0", "\u00e9clair");

  private static final String NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
  private static final String NAME_REST = NAME_START + "0123456789.-";

  final SplittableRandom rnd;
  final Coverage coverage;
  final Schema schema;
  final Map<FieldType, List<String>> fieldsByType = new EnumMap<>(FieldType.class);
  final Map<FieldType, List<String>> dealFieldsByType = new EnumMap<>(FieldType.class);
  final Map<FieldType, List<String>> accountFieldsByType = new EnumMap<>(FieldType.class);
  final List<String> strings;
  final List<String> tags;
  final List<Double> numbers;
  final List<LocalDate> allDates = new ArrayList<>();
  final List<LocalDate> dates;
  final List<Instant> allInstants = new ArrayList<>();
  final List<Instant> instants;
  final List<GeoPoint> points;
  /** Centre and point pairs where the haversine is ill-conditioned: {lat, lon, lat, lon}. */
  final List<double[]> hardPairs = new ArrayList<>();
  final List<EvaluationContext> contexts = new ArrayList<>();
  /** The event types this world records (conditions also name others). */
  final List<String> eventTypes;
  /** Per property name, the JSON type most of its values have (0 string, 1 number, 2 boolean). */
  private final Map<String, Integer> propKind = new LinkedHashMap<>();
  /** Per property name, how often (percent) a value of another type is recorded instead. */
  private final Map<String, Integer> propMix = new LinkedHashMap<>();
  /** Bounds of from/to windows: instants (with Z or an offset) and bare dates. */
  final List<Literal.Text> windowBounds = new ArrayList<>();
  /** Event times on the edges of the windows conditions use. */
  final List<Instant> eventTimes;
  /** Percent of leaves that are event conditions. */
  private int eventPercent = 25;
  /** Percent of leaves that are deal or account conditions. */
  private int relatedPercent = 10;
  /** Percent of leaves that are segment references (when there is a segment to reference). */
  private int referencePercent = 8;

  /**
   * The fields a field condition can name and the values it takes: those of contacts, of deals or
   * of accounts.
   */
  private record FieldSet(String entity, Map<String, FieldType> types,
      Map<FieldType, List<String>> byType, Vocabulary vocab) {}

  /** The values one kind of entity has in its fields, and conditions on them use most. */
  private record Vocabulary(List<String> strings, List<Double> numbers, List<LocalDate> dates,
      List<Instant> instants, List<GeoPoint> points) {}

  private final FieldSet contactSet;
  private final FieldSet dealSet;
  private final FieldSet accountSet;
  /**
   * Whose fields the field conditions being generated name: the contacts', or the deals' or
   * accounts' while the inside of a deal or account condition is generated.
   */
  private FieldSet target;
  /** The saved segments that conditions may reference, and their registry. */
  private List<String> referable = List.of();
  SegmentRegistry registry = SegmentRegistry.empty();

  Scenario(SplittableRandom rnd, Coverage coverage) {
    this.rnd = rnd;
    this.coverage = coverage;
    this.schema = randomSchema();
    this.strings = sample(STRINGS, 6 + rnd.nextInt(8));
    this.tags = sample(TAGS, 5 + rnd.nextInt(7));
    this.numbers = sample(NUMBERS, 6 + rnd.nextInt(10));
    Instant base = baseNow();
    int n = 2 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      Instant now = i == 0 ? base : base.plus(nowOffset());
      contexts.add(EvaluationContext.of(now, pick(ZONES)));
    }
    buildDates();
    this.dates = sample(allDates, 10 + rnd.nextInt(20));
    buildInstants();
    this.instants = sample(allInstants, 15 + rnd.nextInt(30));
    this.points = new ArrayList<>();
    int np = 8 + rnd.nextInt(20);
    for (int i = 0; i < np; i++) {
      points.add(randomPoint());
    }
    addHardPairs();
    this.eventTypes = sample(EVENT_TYPES, 2 + rnd.nextInt(EVENT_TYPES.size() - 1));
    for (String p : PROPS) {
      propKind.put(p, rnd.nextInt(3));
      propMix.put(p, chance(30) ? 0 : rnd.nextInt(40));
    }
    buildWindowBounds();
    this.eventTimes = buildEventTimes();
    this.contactSet = new FieldSet("contact", schema.contactFields(), fieldsByType,
        new Vocabulary(strings, numbers, dates, instants, points));
    this.dealSet = new FieldSet("deal", schema.dealFields(), dealFieldsByType, narrow());
    this.accountSet = new FieldSet("account", schema.accountFields(), accountFieldsByType,
        narrow());
    this.target = contactSet;
  }

  /**
   * A few values of each type, drawn from the contacts' (so that equal values meet across kinds),
   * for the fields of deals or of accounts: few enough that a contact's deals share some values.
   */
  private Vocabulary narrow() {
    List<GeoPoint> near = sample(points, 2 + rnd.nextInt(3));
    double[] pair = pick(hardPairs); // a point on the edge of an ill-conditioned circle
    near.add(new GeoPoint(pair[2], pair[3]));
    return new Vocabulary(sample(strings, 2 + rnd.nextInt(3)), sample(numbers, 2 + rnd.nextInt(3)),
        sample(dates, 3 + rnd.nextInt(3)), sample(instants, 3 + rnd.nextInt(4)), near);
  }

  /**
   * Near-antipodal pairs (the haversine's asin is taken of almost 1) and a quarter circle on the
   * equator (the longitude half-width's asin is taken of almost 1); the points join the
   * vocabulary, and circles through them test the edge of the bounding-box prefilter.
   */
  private void addHardPairs() {
    hardPairs.add(new double[] {0, 0, 0, 89.99999924622719});
    hardPairs.add(
        new double[] {-90, -9.74349504330841E-7, 89.99999500000322, 0.026644068215186858});
    for (int i = 0; i < 3; i++) {
      GeoPoint c = pick(points);
      double tiny = Math.pow(10, -5 - rnd.nextInt(5));
      double lat = Math.max(-90, Math.min(90, -c.lat() + (rnd.nextBoolean() ? tiny : -tiny)));
      double lon = c.lon() + 180 + (rnd.nextBoolean() ? tiny : -tiny);
      while (lon > 180) {
        lon -= 360;
      }
      hardPairs.add(new double[] {c.lat(), c.lon(), lat, lon});
    }
    double q = 90 - Math.pow(10, -6 - rnd.nextInt(4)) * rnd.nextDouble();
    hardPairs.add(new double[] {0, 0, 0, rnd.nextBoolean() ? q : -q});
    for (double[] pair : hardPairs) {
      points.add(new GeoPoint(pair[2], pair[3]));
    }
  }

  // ---------------------------------------------------------------- helpers

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  private <T> List<T> sample(List<T> from, int n) {
    List<T> copy = new ArrayList<>(from);
    List<T> out = new ArrayList<>();
    while (out.size() < n && !copy.isEmpty()) {
      out.add(copy.remove(rnd.nextInt(copy.size())));
    }
    return out;
  }

  private String randomName() {
    StringBuilder sb = new StringBuilder();
    sb.append(NAME_START.charAt(rnd.nextInt(NAME_START.length())));
    int len = rnd.nextInt(8);
    for (int i = 0; i < len; i++) {
      sb.append(NAME_REST.charAt(rnd.nextInt(NAME_REST.length())));
    }
    return sb.toString();
  }

  private Schema randomSchema() {
    Schema.Builder b = Schema.builder();
    Set<String> used = new LinkedHashSet<>();
    List<FieldType> order = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      int n = 2 + rnd.nextInt(2);
      for (int i = 0; i < n; i++) {
        order.add(t);
      }
    }
    while (!order.isEmpty()) {
      FieldType t = order.remove(rnd.nextInt(order.size()));
      String name;
      do {
        name = randomName();
      } while (!used.add(name));
      b.contactField(name, t);
      fieldsByType.computeIfAbsent(t, k -> new ArrayList<>()).add(name);
    }
    relatedFields(new ArrayList<>(used), dealFieldsByType, 1, b::dealField);
    relatedFields(new ArrayList<>(used), accountFieldsByType, 0, b::accountField);
    return b.build();
  }

  /**
   * Deal or account fields: of every type one or two ({@code extra} more string fields), under
   * random names, now and then the name of a contact field (of any type): the schemas are apart.
   */
  private void relatedFields(List<String> contactNames, Map<FieldType, List<String>> byType,
      int extra, BiConsumer<String, FieldType> declare) {
    Set<String> used = new LinkedHashSet<>();
    List<FieldType> order = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      int n = 1 + rnd.nextInt(2) + (t == FieldType.STRING ? extra : 0);
      for (int i = 0; i < n; i++) {
        order.add(t);
      }
    }
    while (!order.isEmpty()) {
      FieldType t = order.remove(rnd.nextInt(order.size()));
      String name;
      do {
        name = chance(25) ? pick(contactNames) : randomName();
      } while (!used.add(name));
      declare.accept(name, t);
      byType.computeIfAbsent(t, k -> new ArrayList<>()).add(name);
    }
  }

  String fieldOf(FieldType type) {
    return pick(fieldsByType.get(type));
  }

  FieldType typeOf(String field) {
    return schema.contactFields().get(field);
  }

  // ---------------------------------------------------------------- time vocabulary

  private Instant baseNow() {
    switch (rnd.nextInt(12)) {
      case 0:
        return Instant.parse("2028-02-29T12:00:00Z");
      case 1:
        return Instant.parse("2027-02-28T20:00:00Z"); // 1 March in Kiritimati
      case 2:
        return Instant.parse("2100-02-28T12:00:00Z"); // not a leap year
      case 3:
        return Instant.parse("2024-02-29T03:00:00Z"); // 28 February in New York, leap year
      case 4:
        return Instant.parse("2026-03-08T07:00:00Z"); // New York springs forward
      case 5:
        return Instant.parse("2026-11-01T05:59:59.999999500Z"); // New York falls back
      case 6:
        return Instant.parse("2026-12-31T23:59:59.999999999Z");
      default: {
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2031-01-01T00:00:00Z").getEpochSecond();
        long s = from + rnd.nextLong(to - from);
        int kind = rnd.nextInt(3);
        long nanos = kind == 0 ? 0 : kind == 1 ? rnd.nextInt(1_000_000) * 1000L
            : rnd.nextInt(1_000_000_000);
        return Instant.ofEpochSecond(s, nanos);
      }
    }
  }

  private Duration nowOffset() {
    switch (rnd.nextInt(9)) {
      case 0:
        return Duration.ZERO;
      case 1:
        return Duration.ofNanos(rnd.nextBoolean() ? 1 : -1);
      case 2:
        return Duration.ofNanos(rnd.nextBoolean() ? 999 : -999);
      case 3:
        return Duration.ofNanos(rnd.nextBoolean() ? 1000 : -1000);
      case 4:
        return Duration.ofSeconds(rnd.nextBoolean() ? 1 : -1);
      case 5:
        return Duration.ofHours(rnd.nextBoolean() ? 1 : -1);
      case 6:
        return Duration.ofHours(rnd.nextBoolean() ? 11 : -11);
      case 7:
        return Duration.ofDays(rnd.nextBoolean() ? 1 : -1);
      default:
        return Duration.ofSeconds(rnd.nextLong(-3 * 86_400, 3 * 86_400));
    }
  }

  private void buildDates() {
    Set<LocalDate> all = new LinkedHashSet<>();
    int[] offsets = {-366, -365, -31, -30, -29, -8, -7, -6, -2, -1, 0, 1, 2, 6, 7, 8, 29, 30, 31,
        365, 36499, 36500, -36500};
    for (EvaluationContext c : contexts) {
      LocalDate today = c.today();
      for (int o : offsets) {
        all.add(today.plusDays(o));
      }
      for (int y : new int[] {1970, 2000, 2023, 2024, 2030}) {
        all.add(today.withYear(y));
        all.add(today.plusDays(1).withYear(y));
        all.add(today.minusDays(1).withYear(y));
      }
    }
    for (int y : new int[] {2000, 2024, 2028}) {
      all.add(LocalDate.of(y, 2, 28));
      all.add(LocalDate.of(y, 2, 29));
      all.add(LocalDate.of(y, 3, 1));
    }
    for (int y : new int[] {2023, 2025, 2100}) {
      all.add(LocalDate.of(y, 2, 28));
      all.add(LocalDate.of(y, 3, 1));
    }
    all.add(LocalDate.of(1, 1, 1));
    all.add(LocalDate.of(1969, 12, 31));
    all.add(LocalDate.of(1970, 1, 1));
    all.add(LocalDate.of(9999, 12, 31));
    all.removeIf(d -> d.getYear() < 1 || d.getYear() > 9999);
    allDates.addAll(all);
  }

  private static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private void addEdges(Set<Instant> out, Instant x) {
    out.add(x);
    Instant m = micros(x);
    out.add(m);
    out.add(m.plusNanos(1000));
    out.add(m.minusNanos(1000));
  }

  private void buildInstants() {
    Set<Instant> all = new LinkedHashSet<>();
    for (EvaluationContext c : contexts) {
      addEdges(all, c.now());
      for (TimeSpan s : TIME_SPANS) {
        addEdges(all, c.now().minus(s.toDuration()));
        addEdges(all, c.now().plus(s.toDuration()));
      }
      LocalDate today = c.today();
      for (int d = -2; d <= 2; d++) {
        for (EvaluationContext z : contexts) {
          addEdges(all, today.plusDays(d).atStartOfDay(z.zone()).toInstant());
        }
      }
      for (int i = 0; i < 5; i++) {
        all.add(micros(c.now().plusSeconds(rnd.nextLong(-40 * 86_400, 40 * 86_400))
            .plusNanos(rnd.nextInt(1_000_000_000))));
      }
    }
    all.add(Instant.EPOCH);
    all.add(Instant.EPOCH.minusNanos(1000));
    allInstants.addAll(all);
  }

  // ---------------------------------------------------------------- values

  private GeoPoint randomPoint() {
    double[] c = CENTRES[rnd.nextInt(CENTRES.length)];
    if (chance(20)) {
      return new GeoPoint(c[0], c[1]);
    }
    double lat = c[0] + jitter();
    double lon = c[1] + jitter();
    lat = Math.max(-90, Math.min(90, lat));
    if (lon > 180) {
      lon -= 360;
    } else if (lon < -180) {
      lon += 360;
    }
    return new GeoPoint(lat, lon);
  }

  private double jitter() {
    return (rnd.nextDouble() * 2 - 1) * Math.pow(10, -rnd.nextInt(7));
  }

  /** A value for a contact's field, from the vocabulary, in one of the Java forms of its type. */
  Object value(String field) {
    return value(contactSet, field);
  }

  /** A value for a field of {@code set}, from its vocabulary, in a Java form of its type. */
  private Object value(FieldSet set, String field) {
    Vocabulary v = set.vocab();
    switch (set.types().get(field)) {
      case STRING:
        return pick(v.strings());
      case NUMBER:
        return boxNumber(pick(v.numbers()));
      case DATE:
        return pick(v.dates());
      case DATETIME: {
        Instant i = pick(v.instants());
        if (chance(10)) {
          i = i.plusNanos(rnd.nextInt(1000)); // the index keeps microseconds
        }
        switch (rnd.nextInt(6)) {
          case 0:
            return i.atOffset(pick(OFFSETS));
          case 1:
            return i.atZone(pick(ZONES));
          default:
            return i;
        }
      }
      case BOOLEAN:
        return rnd.nextBoolean();
      case GEO:
        return pick(v.points());
      default:
        throw new IllegalStateException();
    }
  }

  /** A value for a deal's field, from the deals' vocabulary. */
  Object dealValue(String field) {
    return value(dealSet, field);
  }

  /** Values for some of the fields of {@code set} (each set with one chance for the entity). */
  private Map<String, Object> someFields(FieldSet set) {
    Map<String, Object> out = new LinkedHashMap<>();
    int setPercent = 40 + rnd.nextInt(61);
    for (String f : set.types().keySet()) {
      if (chance(setPercent)) {
        out.put(f, value(set, f));
      }
    }
    return out;
  }

  private Object boxNumber(double d) {
    int k = rnd.nextInt(12);
    boolean integral = d == Math.rint(d) && Math.abs(d) < 1e9
        && Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(-0.0);
    if (integral) {
      switch (k) {
        case 0:
          return (int) d;
        case 1:
          return (long) d;
        case 2:
          return BigDecimal.valueOf((long) d);
        case 3:
          return BigInteger.valueOf((long) d);
        case 4:
          return new AtomicLong((long) d); // FieldType: NUMBER takes any Number
        case 5:
          if (d == (short) d) {
            return (short) d;
          }
          break;
        default:
          break;
      }
    }
    if (k == 6 && (float) d == d) {
      return (float) d;
    }
    if (k == 7) {
      return new BigDecimal(d);
    }
    return d;
  }

  /** A contact with random tags, lists and fields from the vocabularies. */
  Contact contact(String id) {
    Contact.Builder b = Contact.builder(id);
    int nt = rnd.nextInt(5);
    for (int i = 0; i < nt; i++) {
      b.tags(pick(tags));
    }
    for (String l : LISTS) {
      if (chance(35)) {
        b.list(l, pick(List.of(ListStatus.values())));
      }
    }
    int setPercent = 40 + rnd.nextInt(55);
    for (String f : schema.contactFields().keySet()) {
      if (chance(setPercent)) {
        b.field(f, value(f));
      }
    }
    return b.build();
  }

  /**
   * A contact as {@link #contact(String)}, linked to one of {@code accounts} (which must exist
   * where it is upserted) most of the time, else to none.
   */
  Contact contact(String id, List<String> accounts) {
    Contact c = contact(id);
    if (accounts.isEmpty() || chance(25)) {
      return c;
    }
    coverage.note("contact with account");
    return new Contact(c.id(), c.tags(), c.lists(), c.fields(), pick(accounts));
  }

  /** A valid upsert of the deal {@code id}, owned by {@code owner}, with random deal fields. */
  Mutation.UpsertDeal deal(String id, String owner) {
    return new Mutation.UpsertDeal(id, owner, someFields(dealSet));
  }

  /** A valid upsert of the account {@code id}, with random account fields. */
  Mutation.UpsertAccount account(String id) {
    return new Mutation.UpsertAccount(id, someFields(accountSet));
  }

  /**
   * A deal or account field map with one bad entry: an unknown field (also a contact field that
   * is not one of the set's), a value of another type, a non-finite number, a null value.
   */
  private Map<String, Object> badFields(FieldSet set) {
    Map<String, Object> fields = new LinkedHashMap<>(someFields(set));
    int k = rnd.nextInt(5);
    if (k == 0) {
      String name = "no_such_field";
      for (String f : schema.contactFields().keySet()) {
        if (!set.types().containsKey(f) && rnd.nextBoolean()) {
          name = f;
          coverage.note(set.entity() + " refused contact field");
          break;
        }
      }
      coverage.note(set.entity() + " refused unknown field");
      fields.put(name, "x");
    } else if (k == 1) {
      coverage.note(set.entity() + " refused non-finite number");
      fields.put(pick(set.byType().get(FieldType.NUMBER)),
          pick(List.<Object>of(Double.NaN, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)));
    } else if (k == 2) {
      coverage.note(set.entity() + " refused null value");
      fields.put(pick(new ArrayList<>(set.types().keySet())), null);
    } else {
      coverage.note(set.entity() + " refused wrong type");
      FieldType t = pick(List.of(FieldType.values()));
      String f = pick(set.byType().get(t));
      Object wrong = switch (t) {
        case STRING -> 42;
        case NUMBER -> "12";
        case DATE -> Instant.EPOCH;
        case DATETIME -> LocalDateTime.of(2026, 1, 1, 0, 0);
        case BOOLEAN -> "true";
        case GEO -> "0,0";
      };
      fields.put(f, wrong);
    }
    return fields;
  }

  /**
   * A deal upsert that must refuse the whole batch: of a contact that does not exist, with an
   * empty id or contact id, or with a bad field ({@code owner} exists, unless said).
   */
  Mutation.UpsertDeal badDeal(String id, String owner) {
    switch (rnd.nextInt(5)) {
      case 0:
        coverage.note("deal refused unknown contact");
        return new Mutation.UpsertDeal(id, "nobody-" + rnd.nextInt(10), someFields(dealSet));
      case 1:
        coverage.note("deal refused empty id");
        return rnd.nextBoolean()
            ? new Mutation.UpsertDeal(rnd.nextBoolean() ? "" : null, owner, someFields(dealSet))
            : new Mutation.UpsertDeal(id, rnd.nextBoolean() ? "" : null, someFields(dealSet));
      default:
        return new Mutation.UpsertDeal(id, owner, badFields(dealSet));
    }
  }

  /** An account upsert that must refuse the whole batch: an empty id, or a bad field. */
  Mutation.UpsertAccount badAccount(String id) {
    if (chance(20)) {
      coverage.note("account refused empty id");
      return new Mutation.UpsertAccount(rnd.nextBoolean() ? "" : null, someFields(accountSet));
    }
    return new Mutation.UpsertAccount(id, badFields(accountSet));
  }

  /**
   * A link of the existing contact {@code id} that must refuse the whole batch: to an account
   * that does not exist ({@code absent}), by {@code setAccount} or by an upsert, or to {@code ""}.
   */
  Mutation badLink(String id, String absent) {
    switch (rnd.nextInt(3)) {
      case 0:
        coverage.note("link refused unknown account");
        return new Mutation.SetAccount(id, absent);
      case 1:
        coverage.note("link refused unknown account by upsert");
        Contact c = contact(id);
        return new Mutation.Upsert(new Contact(c.id(), c.tags(), c.lists(), c.fields(), absent));
      default:
        coverage.note("link refused empty account id");
        return new Mutation.SetAccount(id, "");
    }
  }

  String tagName() {
    return chance(90) ? pick(tags) : pick(TAGS);
  }

  String listName() {
    return pick(LISTS);
  }

  ListStatus status() {
    return pick(List.of(ListStatus.values()));
  }

  /** One of the contexts (or one's now in another zone), with the registry of saved segments. */
  EvaluationContext context() {
    if (chance(80)) {
      return pick(contexts).withSegments(registry);
    }
    return EvaluationContext.of(pick(contexts).now(), pick(ZONES)).withSegments(registry);
  }

  // ---------------------------------------------------------------- event vocabulary

  private String boundText(Instant i) {
    if (chance(60)) {
      return i.toString();
    }
    coverage.note("event window range offset");
    return i.atOffset(pick(OFFSETS)).toString();
  }

  /** Instants and bare dates around the contexts' now, month and year starts, far bounds. */
  private void buildWindowBounds() {
    Set<String> out = new LinkedHashSet<>();
    for (EvaluationContext c : contexts) {
      Instant now = c.now();
      LocalDate today = c.today();
      out.add(boundText(now));
      for (int i = 0; i < 4; i++) {
        out.add(boundText(now.minus(pick(EVENT_SPANS).toDuration())));
      }
      for (int d = -3; d <= 1; d++) {
        out.add(boundText(today.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant()));
        out.add(boundText(today.plusDays(d).atStartOfDay(c.zone()).toInstant()));
      }
      for (int m = 0; m < 14; m += 1 + rnd.nextInt(3)) {
        LocalDate first = today.withDayOfMonth(1).minusMonths(m);
        out.add(boundText(first.atStartOfDay(ZoneOffset.UTC).toInstant()));
        out.add(first.toString());
      }
      for (int i = 0; i < 3; i++) {
        Instant r = now.plusSeconds(rnd.nextLong(-60 * 86_400L, 86_400L));
        int kind = rnd.nextInt(3); // whole seconds, microseconds, or below a microsecond
        r = kind == 0 ? r : r.plusNanos(kind == 1 ? rnd.nextInt(1_000_000) * 1000L
            : rnd.nextInt(1_000_000_000));
        out.add(boundText(r));
      }
      for (int d : new int[] {-400, -60, -31, -30, -14, -7, -2, -1, 0, 1, 2}) {
        if (chance(60)) {
          out.add(today.plusDays(d).toString());
        }
      }
      out.add(LocalDate.of(today.getYear(), 1, 1).toString());
      out.add(LocalDate.of(today.getYear() - 1, 1, 1).toString());
    }
    out.add("1900-01-01");
    out.add("1970-01-01");
    out.add("2200-01-01");
    out.add(boundText(Instant.parse("1950-06-01T00:00:00Z")));
    for (String b : out) {
      windowBounds.add(new Literal.Text(b));
    }
  }

  private void addMidnightEdges(Set<Instant> out, LocalDate date, ZoneId zone) {
    addEdges(out, date.atStartOfDay(zone).toInstant());
  }

  /**
   * Times on every edge the conditions can have: each context's now and now - D for every span,
   * UTC and local midnights around today, month starts (UTC and local) for two years back, now
   * minus whole years, every window bound (bare dates at midnight in every context zone), each
   * a microsecond either side; some times spread over months.
   */
  private List<Instant> buildEventTimes() {
    Set<Instant> out = new LinkedHashSet<>();
    List<ZoneId> zones = new ArrayList<>();
    zones.add(ZoneOffset.UTC);
    for (EvaluationContext c : contexts) {
      if (!zones.contains(c.zone())) {
        zones.add(c.zone());
      }
    }
    for (EvaluationContext c : contexts) {
      Instant now = c.now();
      addEdges(out, now);
      for (TimeSpan span : EVENT_SPANS) {
        addEdges(out, now.minus(span.toDuration()));
      }
      LocalDate today = c.today();
      for (int d = -3; d <= 3; d++) {
        for (ZoneId z : zones) {
          addMidnightEdges(out, today.plusDays(d), z);
        }
      }
      for (int m = 0; m < 26; m++) {
        LocalDate first = today.withDayOfMonth(1).minusMonths(m);
        Instant utc = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        out.add(utc);
        out.add(utc.minusNanos(1000));
        out.add(first.atStartOfDay(c.zone()).toInstant());
      }
      for (int y : new int[] {1, 2, 3, 5, 10, 50, 100, 101}) {
        out.add(now.atZone(ZoneOffset.UTC).minusYears(y).toInstant());
      }
      for (int i = 0; i < 12; i++) {
        out.add(micros(now.plusSeconds(rnd.nextLong(-800 * 86_400L, 60 * 86_400L))));
      }
    }
    for (Literal.Text b : windowBounds) {
      if (b.asDate().isPresent()) {
        for (ZoneId z : zones) {
          addMidnightEdges(out, b.asDate().get(), z);
        }
      } else {
        addEdges(out, b.asInstant().orElseThrow());
      }
    }
    return new ArrayList<>(out);
  }

  /** A time for an event: mostly on an edge, some spread over years, a few far away. */
  Instant eventTime() {
    int k = rnd.nextInt(100);
    Instant t;
    if (k < 82) {
      t = pick(eventTimes);
      coverage.note("event time edge");
    } else if (k < 95) {
      Instant now = pick(contexts).now();
      t = now.plusSeconds(rnd.nextLong(-4 * 365 * 86_400L, 365 * 86_400L));
    } else {
      t = pick(FAR_TIMES);
      coverage.note("event time far past");
    }
    if (chance(12)) {
      t = t.plusNanos(1 + rnd.nextInt(999)); // the index keeps microseconds
      coverage.note("event time sub-microsecond");
    }
    if (t.isBefore(Instant.EPOCH)) {
      coverage.note("event time before epoch");
    }
    return t;
  }

  private Object propValue(String name) {
    int kind = propKind.get(name);
    if (chance(propMix.get(name))) {
      int other = rnd.nextInt(3);
      if (other != kind) {
        coverage.note("event prop mixed types");
      }
      kind = other;
    }
    switch (kind) {
      case 0: {
        String v = pick(PROP_STRINGS);
        if (v.isEmpty()) {
          coverage.note("event prop empty string");
        }
        return v;
      }
      case 1: {
        double d = pick(PROP_NUMBERS);
        Object boxed = boxNumber(d);
        if (boxed instanceof Double x && Double.doubleToRawLongBits(x) == Long.MIN_VALUE) {
          coverage.note("event prop -0.0");
        }
        if (boxed instanceof Integer || boxed instanceof Long) {
          coverage.note("event prop integer");
        }
        return boxed;
      }
      default:
        coverage.note("event prop boolean");
        return rnd.nextBoolean();
    }
  }

  /** Random properties: each name with some chance, in a random order. */
  Map<String, Object> eventProps() {
    Map<String, Object> out = new LinkedHashMap<>();
    int percent = chance(15) ? 0 : 30 + rnd.nextInt(60);
    for (String p : sample(PROPS, PROPS.size())) {
      if (chance(percent)) {
        out.put(p, propValue(p));
      }
    }
    return out;
  }

  /** A valid event of a contact. */
  Mutation.Record event(String contactId) {
    return new Mutation.Record(contactId, pick(eventTypes), eventTime(), eventProps());
  }

  /** An event whose recording must refuse the whole batch ({@code id} exists, unless said). */
  Mutation.Record badEvent(String id) {
    Map<String, Object> props = new LinkedHashMap<>(eventProps());
    switch (rnd.nextInt(7)) {
      case 0:
        coverage.note("event refused unknown contact");
        return new Mutation.Record("nobody-" + rnd.nextInt(10), pick(eventTypes), eventTime(),
            props);
      case 6:
        coverage.note("event refused empty contact id");
        return new Mutation.Record(rnd.nextBoolean() ? "" : null, pick(eventTypes), eventTime(),
            props);
      case 1:
        coverage.note("event refused empty type");
        return new Mutation.Record(id, rnd.nextBoolean() ? "" : null, eventTime(), props);
      case 2:
        coverage.note("event refused non-finite number");
        props.put(pick(PROPS), pick(List.<Object>of(Double.NaN, Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY)));
        break;
      case 3:
        coverage.note("event refused non-scalar");
        props.put(pick(PROPS), pick(List.<Object>of(LocalDate.EPOCH, List.of("a"), 'c', Instant.EPOCH)));
        break;
      case 4:
        coverage.note("event refused null value");
        props.put(pick(PROPS), null);
        break;
      default:
        coverage.note("event refused empty property name");
        props.put(rnd.nextBoolean() ? "" : null, "x");
        break;
    }
    return new Mutation.Record(id, pick(eventTypes), eventTime(), props);
  }

  // ---------------------------------------------------------------- event conditions

  /** A tree like {@link #condition} whose leaves are mostly event conditions. */
  Condition eventCondition(int minDepth) {
    int old = eventPercent;
    eventPercent = 85;
    try {
      return condition(minDepth);
    } finally {
      eventPercent = old;
    }
  }

  /** One event condition: random type, filters, bounds and window. */
  EventCondition eventLeaf() {
    int t = rnd.nextInt(100);
    String type;
    if (t < 85) {
      type = pick(eventTypes);
    } else if (t < 95) {
      type = pick(EVENT_TYPES);
    } else {
      type = UNRECORDED_TYPE;
      coverage.note("event type never recorded");
    }
    int nf = rnd.nextInt(100);
    nf = nf < 40 ? 0 : nf < 75 ? 1 : nf < 93 ? 2 : 3;
    List<PropertyFilter> filters = new ArrayList<>();
    for (int i = 0; i < nf; i++) {
      filters.add(propFilter());
    }
    if (nf > 1) {
      coverage.note("event filters several");
    }
    Integer atLeast = null;
    Integer atMost = null;
    int b = rnd.nextInt(100);
    if (b < 35) {
      coverage.note("event bounds none");
    } else if (b < 55) {
      atLeast = rnd.nextInt(4);
      coverage.note(atLeast == 0 ? "event bounds atLeast 0" : "event bounds atLeast");
    } else if (b < 75) {
      atMost = rnd.nextInt(3);
      coverage.note(atMost == 0 ? "event bounds atMost 0" : "event bounds atMost");
    } else {
      atLeast = rnd.nextInt(3);
      atMost = atLeast + rnd.nextInt(3);
      coverage.note(atLeast.equals(atMost) ? "event bounds both equal" : "event bounds both");
    }
    EventWindow window;
    int w = rnd.nextInt(100);
    if (w < 25) {
      window = null;
      coverage.note("event window none");
    } else if (w < 65) {
      TimeSpan span = pick(EVENT_SPANS);
      coverage.note("event window last");
      if (span.toDuration().getSeconds() < 60) {
        coverage.note("event window last under a minute");
      } else if (span.toDuration().toDays() > 366) {
        coverage.note("event window last over a year");
      }
      window = new EventWindow.Last(span);
    } else {
      window = rangeWindow();
    }
    String label = label();
    if (label == null && chance(20)) {
      coverage.note("event dsl");
      return viaDsl(type, filters, atLeast, atMost, window);
    }
    return new EventCondition(type, filters, atLeast, atMost, window, label);
  }

  /** The same condition written with the fluent DSL. */
  private EventCondition viaDsl(String type, List<PropertyFilter> filters, Integer atLeast,
      Integer atMost, EventWindow window) {
    EventCondition e = Conditions.event(type);
    if (!filters.isEmpty()) {
      e = e.where(filters.toArray(new PropertyFilter[0]));
    }
    if (atLeast != null) {
      e = e.atLeast(atLeast);
    }
    if (atMost != null) {
      e = atMost == 0 && rnd.nextBoolean() ? e.never() : e.atMost(atMost);
    }
    if (window instanceof EventWindow.Last last) {
      e = e.inLast(last.span().toDuration());
    } else if (window instanceof EventWindow.Range r && r.from() != null && r.to() != null
        && r.from().asInstant().isPresent() && r.to().asInstant().isPresent()
        && r.from().value().endsWith("Z") && r.to().value().endsWith("Z")) {
      e = e.between(r.from().asInstant().get(), r.to().asInstant().get());
    } else if (window != null) {
      e = e.within(window);
    }
    return e;
  }

  /** Days between two bounds read in UTC (only to tell long windows). */
  private static long roughDays(Literal.Text from, Literal.Text to) {
    return Duration.between(roughInstant(from), roughInstant(to)).toDays();
  }

  private EventWindow rangeWindow() {
    int k = rnd.nextInt(100);
    if (k < 18) {
      coverage.note("event window range from only");
      return new EventWindow.Range(bound(), null);
    }
    if (k < 36) {
      coverage.note("event window range to only");
      return new EventWindow.Range(null, bound());
    }
    Literal.Text from = bound();
    Literal.Text to = k < 42 ? new Literal.Text("2200-01-01") : bound();
    boolean fromDate = from.asDate().isPresent();
    boolean toDate = to.asDate().isPresent();
    if (fromDate != toDate) {
      coverage.note("event window range mixed forms");
      if (chance(25)) { // may be from >= to in some zones: an error there
        coverage.note("event window range mixed unordered");
      } else if (roughInstant(from).isAfter(roughInstant(to))) {
        Literal.Text x = from;
        from = to;
        to = x;
      }
    } else if (roughInstant(from).isAfter(roughInstant(to))) {
      Literal.Text x = from;
      from = to;
      to = x;
    }
    if (roughDays(from, to) > 40_000) {
      coverage.note("event window range over 40000 days");
    }
    try {
      EventWindow.Range r = new EventWindow.Range(from, to);
      coverage.note("event window range from-to");
      return r;
    } catch (IllegalArgumentException sameFormNotBefore) {
      // equal bounds of one form: refused when built; keep one side
      coverage.note("event window range from only");
      return new EventWindow.Range(from, null);
    }
  }

  private Literal.Text bound() {
    Literal.Text b = pick(windowBounds);
    if (b.asDate().isPresent()) {
      coverage.note("event window range bare date");
    } else {
      coverage.note("event window range instant");
      if (b.asInstant().orElseThrow().getNano() % 1000 != 0) {
        coverage.note("event window range sub-microsecond bound");
      }
    }
    return b;
  }

  private Literal propScalar(int kind) {
    switch (kind) {
      case 0: {
        String v = pick(PROP_STRINGS);
        return new Literal.Text(chance(20) ? caseVariant(v) : v);
      }
      case 1: {
        double d = pick(PROP_NUMBERS);
        if (chance(10)) {
          d = rnd.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
        }
        return new Literal.Number(d);
      }
      default:
        return new Literal.Bool(rnd.nextBoolean());
    }
  }

  private Literal.Number propNumber() {
    return (Literal.Number) propScalar(1);
  }

  /** A property filter with any operator, on a property of any type (or one never set). */
  PropertyFilter propFilter() {
    PropertyFilter.Op op = pick(List.of(PropertyFilter.Op.values()));
    String prop = chance(8) ? "missing" : pick(PROPS);
    boolean ic = op.isPattern() && rnd.nextBoolean();
    coverage.note("event op " + op.jsonName() + (ic ? " ignoreCase" : ""));
    Operand operand;
    switch (op.shape()) {
      case NONE:
        operand = Operand.None.INSTANCE;
        break;
      case VALUES: {
        int kind = rnd.nextInt(3);
        if (kind == 2) {
          coverage.note("event in booleans");
        }
        int n = 1 + rnd.nextInt(kind == 2 ? 2 : 4);
        List<Literal> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          values.add(propScalar(kind));
        }
        operand = new Operand.Values(values);
        break;
      }
      case RANGE: {
        Literal.Number lo = propNumber();
        Literal.Number hi = chance(20) ? lo : propNumber();
        operand = lo.value() <= hi.value() ? new Operand.Range(lo, hi) : new Operand.Range(hi, lo);
        break;
      }
      default:
        if (op.isPattern()) {
          operand = new Operand.Single(new Literal.Text(pattern(pick(PROP_STRINGS))));
        } else if (op == PropertyFilter.Op.EQ || op == PropertyFilter.Op.NEQ) {
          operand = new Operand.Single(propScalar(rnd.nextInt(3)));
        } else {
          operand = new Operand.Single(propNumber());
        }
        break;
    }
    return new PropertyFilter(prop, op, operand, ic);
  }

  // ---------------------------------------------------------------- conditions

  /** A condition tree with a chain of at least {@code minDepth} nested groups. */
  Condition condition(int minDepth) {
    coverage.note("tree depth >= 4");
    return node(0, minDepth);
  }

  private Condition node(int depth, int mustReach) {
    if (mustReach > 0 || (depth < 7 && chance(28))) {
      return group(depth, mustReach);
    }
    return leaf();
  }

  private String label() {
    return chance(5) ? "label " + rnd.nextInt(100) : null;
  }

  private Condition group(int depth, int mustReach) {
    int kind = rnd.nextInt(3);
    if (kind == 2) {
      coverage.note("group not");
      return new Not(node(depth + 1, Math.max(0, mustReach - 1)), label());
    }
    int n = mustReach > 0 ? 1 + rnd.nextInt(3) : chance(15) ? 0 : 1 + rnd.nextInt(3);
    int deep = rnd.nextInt(Math.max(1, n));
    List<Condition> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(node(depth + 1, i == deep ? Math.max(0, mustReach - 1) : 0));
    }
    String name = kind == 0 ? "all" : "any";
    coverage.note("group " + name);
    if (n == 0) {
      coverage.note("group " + name + " empty");
    }
    return kind == 0 ? new All(children, label()) : new Any(children, label());
  }

  Condition leaf() {
    if (!referable.isEmpty() && chance(referencePercent)) {
      return referenceLeaf();
    }
    if (chance(relatedPercent)) {
      return relatedLeaf();
    }
    if (chance(eventPercent)) {
      return eventLeaf();
    }
    int k = rnd.nextInt(100);
    if (k < 14) {
      return tagLeaf();
    }
    if (k < 24) {
      return listLeaf();
    }
    return fieldLeaf();
  }

  // ---------------------------------------------------------------- deals, accounts, references

  /** A tree like {@link #condition} whose leaves are mostly deal, account and reference leaves. */
  Condition relatedCondition(int minDepth) {
    int oldRelated = relatedPercent;
    int oldReference = referencePercent;
    relatedPercent = 65;
    referencePercent = 20;
    try {
      return condition(minDepth);
    } finally {
      relatedPercent = oldRelated;
      referencePercent = oldReference;
    }
  }

  /** A deal condition, an account condition, or (when there are saved segments) a reference. */
  Condition relatedLeaf() {
    int k = rnd.nextInt(100);
    if (k < 12 && !referable.isEmpty()) {
      return referenceLeaf();
    }
    return k < 60 ? dealLeaf() : accountLeaf();
  }

  /** {@code deal(where)}, {@code where} over the deal fields. */
  DealCondition dealLeaf() {
    Condition where = inner(dealSet);
    String label = label();
    if (label == null && chance(20)) {
      coverage.note("deal dsl");
      return Conditions.deal(where);
    }
    return new DealCondition(where, label);
  }

  /** {@code account(where)}, {@code where} over the account fields. */
  AccountCondition accountLeaf() {
    Condition where = inner(accountSet);
    String label = label();
    if (label == null && chance(20)) {
      coverage.note("account dsl");
      return Conditions.account(where);
    }
    return new AccountCondition(where, label);
  }

  /**
   * The condition inside a deal or account condition: a probe (all of a few equalities), its
   * negation, or a random tree of all, any, not and field conditions on any operator.
   */
  private Condition inner(FieldSet set) {
    FieldSet old = target;
    target = set;
    try {
      int k = rnd.nextInt(100);
      if (k < 35) {
        return probe();
      }
      if (k < 45) {
        coverage.note(set.entity() + " where not");
        return new Not(chance(50) ? probe() : fieldLeaf(), label());
      }
      return innerNode(0);
    } finally {
      target = old;
    }
  }

  private Condition innerNode(int depth) {
    if (depth >= 3 || !chance(depth == 0 ? 55 : 30)) {
      coverage.note(target.entity() + " where field");
      return fieldLeaf();
    }
    int kind = rnd.nextInt(3);
    if (kind == 2) {
      coverage.note(target.entity() + " where not");
      return new Not(innerNode(depth + 1), label());
    }
    int n = chance(12) ? 0 : 1 + rnd.nextInt(3);
    List<Condition> children = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      children.add(innerNode(depth + 1));
    }
    String name = kind == 0 ? "all" : "any";
    coverage.note(target.entity() + " where " + name + (n == 0 ? " empty" : ""));
    return kind == 0 ? new All(children, label()) : new Any(children, label());
  }

  /**
   * All of two or three conditions that often hold on some of a contact's deals and not on
   * others: equalities, membership and bounds with values of the entity's own vocabulary, on
   * different fields. What decides whether the parts must hold on the same deal.
   */
  private Condition probe() {
    coverage.note(target.entity() + " probe");
    List<FieldType> kinds = new ArrayList<>(List.of(FieldType.STRING, FieldType.NUMBER,
        FieldType.DATE, FieldType.BOOLEAN, FieldType.DATETIME));
    int n = 2 + rnd.nextInt(2);
    List<Condition> parts = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    Vocabulary v = target.vocab();
    for (int i = 0; i < n && !kinds.isEmpty(); i++) {
      FieldType type = kinds.remove(rnd.nextInt(kinds.size()));
      String field = pick(target.byType().get(type));
      if (!used.add(field)) {
        continue;
      }
      Literal value = switch (type) {
        case STRING -> new Literal.Text(pick(v.strings()));
        case NUMBER -> new Literal.Number(pick(v.numbers()));
        case DATE -> new Literal.Text(pick(v.dates()).toString());
        case DATETIME -> new Literal.Text(pick(v.instants()).toString());
        case BOOLEAN -> new Literal.Bool(rnd.nextBoolean());
        default -> throw new IllegalStateException(type.toString());
      };
      int k = rnd.nextInt(10);
      if (k < 6 || type == FieldType.BOOLEAN) {
        parts.add(new FieldCondition(field, FieldOperator.EQ, new Operand.Single(value), false,
            null));
      } else if (k < 8 && type != FieldType.STRING) {
        parts.add(new FieldCondition(field, rnd.nextBoolean() ? FieldOperator.GTE
            : FieldOperator.LTE, new Operand.Single(value), false, null));
      } else if (k < 9) {
        parts.add(new FieldCondition(field, FieldOperator.NEQ, new Operand.Single(value), false,
            null));
      } else {
        parts.add(new FieldCondition(field, FieldOperator.IS_SET, Operand.None.INSTANCE, false,
            null));
      }
    }
    return new All(parts, label());
  }

  /** A reference to one of the saved segments. */
  Condition referenceLeaf() {
    String id = pick(referable);
    coverage.note("segment reference");
    if (chance(20)) {
      coverage.note("segment reference dsl");
      return Conditions.inSegment(id);
    }
    return new SegmentReference(id, label());
  }

  /**
   * A registry of 0 to {@code max} saved segments with random ids and random conditions (some a
   * single leaf); each condition references only segments made before it, so there is no cycle.
   * The conditions generated afterwards may reference any of them, and {@link #context()} carries
   * the registry.
   */
  SegmentRegistry newRegistry(int max) {
    return newRegistry(0, max);
  }

  /** As {@link #newRegistry(int)}, with at least {@code min} segments. */
  SegmentRegistry newRegistry(int min, int max) {
    List<String> ids = sample(SEGMENT_IDS, min + rnd.nextInt(max - min + 1));
    List<Segment> segments = new ArrayList<>();
    List<String> made = new ArrayList<>();
    int oldReference = referencePercent;
    referencePercent = 30;
    try {
      for (String id : ids) {
        referable = made;
        Condition where = chance(25) ? leaf() : condition(1 + rnd.nextInt(3));
        if (!referencesIn(where).isEmpty()) {
          coverage.note("segment reference chain");
        }
        segments.add(Segment.builder().id(id).where(where).build());
        made = new ArrayList<>(made);
        made.add(id);
      }
    } finally {
      referencePercent = oldReference;
    }
    coverage.note("registry of " + Math.min(ids.size(), 3) + (ids.size() >= 3 ? "+" : ""));
    referable = made;
    registry = SegmentRegistry.of(segments);
    return registry;
  }

  /** The ids {@code c} references directly (references are never inside deal or account). */
  static Set<String> referencesIn(Condition c) {
    Set<String> out = new LinkedHashSet<>();
    Deque<Condition> todo = new ArrayDeque<>();
    todo.push(c);
    while (!todo.isEmpty()) {
      Condition x = todo.pop();
      if (x instanceof All a) {
        a.conditions().forEach(todo::push);
      } else if (x instanceof Any a) {
        a.conditions().forEach(todo::push);
      } else if (x instanceof Not n) {
        todo.push(n.condition());
      } else if (x instanceof SegmentReference r) {
        out.add(r.segmentId());
      }
    }
    return out;
  }

  /**
   * {@code tree} with {@code leaf} put in at a random place: among the children of a group on the
   * way down, or beside the tree in a new group (also under a not).
   */
  Condition insert(Condition tree, Condition leaf) {
    if (tree instanceof All a && chance(70)) {
      return new All(insertAmong(a.conditions(), leaf), a.label());
    }
    if (tree instanceof Any a && chance(70)) {
      return new Any(insertAmong(a.conditions(), leaf), a.label());
    }
    if (tree instanceof Not n && chance(70)) {
      return new Not(insert(n.condition(), leaf), n.label());
    }
    switch (rnd.nextInt(3)) {
      case 0:
        return new All(List.of(tree, leaf));
      case 1:
        return new Any(List.of(leaf, tree));
      default:
        return new All(List.of(tree, new Not(leaf)));
    }
  }

  private List<Condition> insertAmong(List<Condition> children, Condition leaf) {
    List<Condition> out = new ArrayList<>(children);
    int i = rnd.nextInt(out.size() + 1);
    if (i < out.size() && rnd.nextBoolean()) {
      out.set(i, insert(out.get(i), leaf));
    } else {
      out.add(i, leaf);
    }
    return out;
  }

  private Condition tagLeaf() {
    TagCondition.Op op = pick(List.of(TagCondition.Op.values()));
    boolean ic = rnd.nextBoolean();
    String pattern = op == TagCondition.Op.EQ ? caseVariant(tagName()) : pattern(tagName());
    coverage.tag(op, ic);
    return new TagCondition(pattern, op, ic, label());
  }

  private Condition listLeaf() {
    ListStatus s = chance(25) ? null : status();
    coverage.list(s);
    return new ListCondition(chance(90) ? listName() : "unknown-list", s, label());
  }

  private Condition fieldLeaf() {
    FieldOperator op = pick(List.of(FieldOperator.values()));
    List<FieldType> types = new ArrayList<>();
    for (FieldType t : FieldType.values()) {
      if (op.appliesTo(t)) {
        types.add(t);
      }
    }
    FieldType type = pick(types);
    String field = pick(target.byType().get(type));
    boolean ic = type == FieldType.STRING && op.allowsIgnoreCase() && rnd.nextBoolean();
    coverage.field(target == contactSet ? "" : target.entity() + " ", op, type);
    if (ic) {
      coverage.note("string ignoreCase");
    }
    return new FieldCondition(field, op, operand(op, type), ic, label());
  }

  private Operand operand(FieldOperator op, FieldType type) {
    switch (op.shape()) {
      case NONE:
        return Operand.None.INSTANCE;
      case SINGLE:
        if (op == FieldOperator.CONTAINS || op == FieldOperator.NOT_CONTAINS
            || op == FieldOperator.STARTS_WITH || op == FieldOperator.ENDS_WITH) {
          return new Operand.Single(new Literal.Text(pattern(pick(target.vocab().strings()))));
        }
        return new Operand.Single(literal(type));
      case VALUES: {
        int n = 1 + rnd.nextInt(chance(20) ? 8 : 3);
        if (n > 1) {
          coverage.note("in several values");
        }
        List<Literal> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          values.add(literal(type));
        }
        return new Operand.Values(values);
      }
      case RANGE:
        return range(type);
      case SPAN:
        return new Operand.Span(type == FieldType.DATE ? pick(DATE_SPANS) : pick(TIME_SPANS));
      case CIRCLE:
        return circle();
      default:
        throw new IllegalStateException(op.shape().toString());
    }
  }

  private String caseVariant(String s) {
    switch (rnd.nextInt(6)) {
      case 0:
        return s.toUpperCase(Locale.ROOT).isEmpty() ? s : s.toUpperCase(Locale.ROOT);
      case 1:
        return s.toLowerCase(Locale.ROOT).isEmpty() ? s : s.toLowerCase(Locale.ROOT);
      default:
        return s;
    }
  }

  /** A non-empty pattern: mostly a piece of a word of the vocabulary. */
  private String pattern(String word) {
    if (word.isEmpty() || chance(8)) {
      word = chance(50) ? "zz" : "a";
    }
    String p = word;
    if (chance(60)) {
      int from = rnd.nextInt(word.length());
      int to = from + 1 + rnd.nextInt(word.length() - from);
      p = word.substring(from, to);
    }
    p = caseVariant(p);
    return p.isEmpty() ? "a" : p;
  }

  private Literal literal(FieldType type) {
    Vocabulary v = target.vocab();
    switch (type) {
      case STRING: {
        String s = chance(80) ? pick(v.strings()) : pick(STRINGS);
        return new Literal.Text(chance(25) ? caseVariant(s) : s);
      }
      case NUMBER: {
        double d = chance(85) ? pick(v.numbers()) : pick(NUMBERS);
        if (chance(10)) {
          d = rnd.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
          if (!Double.isFinite(d)) {
            d = 0.0;
          }
        }
        if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
          coverage.note("number -0.0 literal");
        }
        return new Literal.Number(d);
      }
      case DATE:
        return new Literal.Text((chance(85) ? pick(v.dates()) : pick(allDates)).toString());
      case DATETIME:
        return datetimeLiteral(rnd.nextInt(100) < 20);
      case BOOLEAN:
        return new Literal.Bool(rnd.nextBoolean());
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  private Literal datetimeLiteral(boolean bareDate) {
    if (bareDate) {
      coverage.note("datetime bare date");
      return new Literal.Text((chance(85) ? pick(target.vocab().dates()) : pick(allDates))
          .toString());
    }
    Instant i = chance(85) ? pick(target.vocab().instants()) : pick(allInstants);
    if (chance(50)) {
      return new Literal.Text(i.toString());
    }
    coverage.note("datetime offset");
    OffsetDateTime odt = i.atOffset(pick(OFFSETS));
    return new Literal.Text(odt.toString());
  }

  /** The instant a datetime literal stands for if bare dates were read in UTC (ordering only). */
  private static Instant roughInstant(Literal l) {
    String s = ((Literal.Text) l).value();
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(s).toInstant();
  }

  private Operand range(FieldType type) {
    if (type == FieldType.DATETIME && chance(30)) {
      return zoneDependentRange();
    }
    Literal lo = literal(type);
    Literal hi = chance(20) ? lo : literal(type);
    if (lo.equals(hi)) {
      coverage.note("between lo == hi");
    }
    switch (type) {
      case NUMBER:
        if (((Literal.Number) lo).value() > ((Literal.Number) hi).value()) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      case DATE:
        if (LocalDate.parse(((Literal.Text) lo).value())
            .isAfter(LocalDate.parse(((Literal.Text) hi).value()))) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      case DATETIME: {
        boolean loDate = ((Literal.Text) lo).value().length() == 10;
        boolean hiDate = ((Literal.Text) hi).value().length() == 10;
        if (loDate != hiDate) {
          coverage.note("datetime between mixed forms");
          if (chance(25)) {
            return new Operand.Range(lo, hi); // may be lo > hi in some zones: an error there
          }
        }
        if (roughInstant(lo).isAfter(roughInstant(hi))) {
          return new Operand.Range(hi, lo);
        }
        return new Operand.Range(lo, hi);
      }
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  /**
   * A bare date and an instant within a day of that date's midnight somewhere: whether {@code lo
   * <= hi} holds depends on the zone the bare date is read in (an error where it does not).
   */
  private Operand zoneDependentRange() {
    coverage.note("datetime between mixed forms");
    LocalDate d = pick(target.vocab().dates());
    if (d.getYear() >= 9999 || d.getYear() <= 1) {
      d = contexts.get(0).today(); // the instant must stay within four-digit years
    }
    Instant midnight = d.atStartOfDay(pick(ZONES)).toInstant();
    Instant i = midnight.plusSeconds(rnd.nextLong(-86_400, 86_400));
    if (chance(30)) {
      i = midnight.plusNanos(rnd.nextBoolean() ? 1000 : -1000);
    }
    Literal date = new Literal.Text(d.toString());
    Literal instant =
        new Literal.Text(chance(50) ? i.toString() : i.atOffset(pick(OFFSETS)).toString());
    return rnd.nextBoolean() ? new Operand.Range(date, instant) : new Operand.Range(instant, date);
  }

  private Operand circle() {
    double lat;
    double lon;
    int k = rnd.nextInt(10);
    if (k < 4) {
      double[] c = CENTRES[rnd.nextInt(CENTRES.length)];
      lat = c[0];
      lon = c[1];
    } else if (k < 8) {
      GeoPoint p = pick(target.vocab().points());
      lat = p.lat();
      lon = p.lon();
    } else {
      lat = rnd.nextDouble() * 180 - 90;
      lon = rnd.nextDouble() * 360 - 180;
    }
    double km = RADII_KM[rnd.nextInt(RADII_KM.length)];
    if (chance(10)) {
      double[] pair = pick(hardPairs);
      lat = pair[0];
      lon = pair[1];
      km = ReferenceEvaluator.haversineKm(lat, lon, pair[2], pair[3]);
      coverage.note("within ill-conditioned edge");
    } else if (chance(40)) {
      GeoPoint p = pick(target.vocab().points());
      double d = ReferenceEvaluator.haversineKm(lat, lon, p.lat(), p.lon());
      if (d > 0) {
        km = d;
        coverage.note("within exact radius");
      }
    }
    if (chance(30)) {
      coverage.note("within miles");
      double miles = km / ReferenceEvaluator.MILE_KM;
      if (chance(30)) {
        miles = rnd.nextBoolean() ? Math.nextUp(miles) : Math.nextDown(miles);
      }
      return new Operand.Circle(lat, lon, miles, Operand.DistanceUnit.MILES);
    }
    coverage.note("within km");
    if (chance(20)) {
      km = rnd.nextBoolean() ? Math.nextUp(km) : Math.nextDown(km);
    }
    return new Operand.Circle(lat, lon, km, Operand.DistanceUnit.KM);
  }
}
