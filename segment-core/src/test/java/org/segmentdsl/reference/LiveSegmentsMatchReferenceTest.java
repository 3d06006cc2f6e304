package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.SegmentResync;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.SegmentReference;
import org.segmentdsl.condition.TimeSpan;
import org.segmentdsl.dsl.Conditions;

/**
 * Property test of live segments (live-segments.md sections 1 and 4): random change streams are
 * applied to a {@link ContactIndex} watched by several random {@link LiveSegments live segments},
 * each in its own zone, delivered synchronously, and to the plain {@link ReferenceModel}. The
 * streams hold every kind of mutation {@link MutationSequenceTest.Generator} makes (upserts,
 * removes, tags, fields, lists, events, deals, accounts, links; multi-op and bulk batches; batches
 * refused or aborted midway), batches of values and events placed on the window edges of the
 * current {@code now}, {@code dropEventsBefore}, {@code compact} (not a step), empty batches, and
 * advances of time: zero-length, 1 ns, 1 µs, 1 s, 1 min, hours, days, months, a year, to the
 * next local midnight, DST transition or 28 February-1 March of a segment's zone (a microsecond
 * either side, or exactly), and to the instant a value or event of the index crosses a window
 * edge of the segments' conditions; also backwards (refused, nothing reported).
 *
 * <p>After every step, for every live segment: its listener got at most one notification, never
 * with both lists empty; applied to the membership it knew, the notification gives exactly the
 * reference evaluator's members on the new state at the new {@code now} in the segment's zone
 * (so nothing is reported when nothing changed, and a refused batch reports nothing); the entered
 * and exited ids name the same contacts as the row bitmaps (rows are stable for life); the key,
 * segment, version and {@code now} are the step's, and step numbers increase; {@link
 * LiveSegment#members()} equals the reference. A listener added after a third of the steps gets
 * exactly what the first listener gets from then on (and nothing before); one closed later gets
 * nothing more. Segments are registered before the first load, after it and midway (no report
 * at registration), one of them a saved segment under its own id; conditions are random trees
 * with time-relative leaves put in (date and datetime {@code inLast}, {@code olderThan}, {@code
 * inNext}, {@code anniversary}, event windows {@code last}, the same inside deal and account
 * conditions) and references to saved segments, some of them time-relative.
 *
 * <p>{@value #DEFAULT_SEQUENCES} sequences of {@value #STEPS} steps by default; {@code
 * -Dsegment.tries=N} sets the number of sequences, {@code -Dsegment.seed=S} the base seed.
 */
class LiveSegmentsMatchReferenceTest {
  static final int DEFAULT_SEQUENCES = 24;
  static final int STEPS = 100;

  /** The zones of the scenarios, and one with European DST rules. */
  static final List<ZoneId> ZONES;

  static {
    List<ZoneId> zones = new ArrayList<>(Scenario.ZONES);
    zones.add(ZoneId.of("Europe/Berlin"));
    ZONES = List.copyOf(zones);
  }

  private static final List<TimeSpan> DATE_SPANS = List.of(TimeSpan.ofDays(1), TimeSpan.ofDays(2),
      TimeSpan.ofDays(7), TimeSpan.ofDays(29), TimeSpan.ofDays(30), TimeSpan.ofDays(31),
      TimeSpan.parse("P1W"), TimeSpan.ofDays(365));

  private static final List<TimeSpan> TIME_SPANS = List.of(TimeSpan.parse("PT1S"),
      TimeSpan.parse("PT1M"), TimeSpan.parse("PT1H"), TimeSpan.parse("PT90M"),
      TimeSpan.parse("PT12H"), TimeSpan.parse("P1D"), TimeSpan.parse("P1DT6H"),
      TimeSpan.parse("P7D"), TimeSpan.parse("P30D"));

  /** What a run of the default length must have done and reported, each at least once. */
  private static final List<String> REQUIRED = List.of("batch", "batch refused",
      "batch near now", "batch empty", "dropEventsBefore", "compact", "tick zero", "tick 1ns",
      "tick 1us", "tick 1s", "tick 1min", "tick hours", "tick days", "tick months", "tick year",
      "tick midnight", "tick DST", "tick Feb 28/29", "tick edge", "tick edge that flips",
      "tick backwards refused", "reported on batch", "reported on batch near now",
      "reported on tick", "reported on dropEventsBefore", "reported on tick DST",
      "reported on tick midnight", "reported on tick edge", "reported on tick 1us",
      "reported on tick Feb 28/29", "exited by removal", "reported to late listener",
      "registered mid-sequence", "registered saved segment",
      "reported reference segment on batch", "reported reference segment on tick",
      "reported deal or account condition on tick");

  @Test
  void notificationsReplayToTheReferenceMembersAfterEveryStep() {
    long base = Seeds.baseSeed();
    int sequences = Seeds.tries(DEFAULT_SEQUENCES);
    Map<String, Integer> stats = new TreeMap<>();
    for (int q = 0; q < sequences; q++) {
      long seed = base + q;
      try {
        new Sequence(base, seed, q, stats).run();
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", sequence " + q
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (sequences >= DEFAULT_SEQUENCES) {
      for (String kind : REQUIRED) {
        assertTrue(stats.getOrDefault(kind, 0) > 0, () -> "never happened: " + kind + "\n"
            + stats);
      }
      // keep "nothing reported" from passing by reporting nothing at all
      int reported = stats.getOrDefault("notifications", 0);
      assertTrue(reported >= sequences * STEPS / 4,
          () -> "only " + reported + " notifications in " + sequences + " sequences: " + stats);
    }
  }

  /** Whose values a field condition reads. */
  private enum Entity {
    CONTACT,
    DEAL,
    ACCOUNT
  }

  /**
   * A time-relative leaf of a live segment: a field window or anniversary ({@code span} null) on
   * a contact, deal or account field, or an event window {@code last} ({@code event}, {@code name}
   * the event type), read in the live segment's zone; {@code whole} is the live segment's
   * condition.
   */
  private record TimeLeaf(Entity entity, String name, boolean event, TimeSpan span, ZoneId zone,
      Condition whole) {}

  /** Receives one listener's notifications; the test checks them after each step. */
  private static final class Recorder implements SegmentListener {
    final List<SegmentChange> changes = new ArrayList<>();
    final List<SegmentResync> resyncs = new ArrayList<>();

    @Override
    public void onChange(SegmentChange change) {
      changes.add(change);
    }

    @Override
    public void onResync(SegmentResync resync) {
      resyncs.add(resync);
    }

    List<SegmentChange> take() {
      List<SegmentChange> out = List.copyOf(changes);
      changes.clear();
      return out;
    }
  }

  /** A live segment under test, with what its listeners have told so far. */
  private static final class Tracked {
    final String key;
    final Segment segment;
    final ZoneId zone;
    final LiveSegment live;
    /** The listener given at registration, or null; and the members its notifications give. */
    final Recorder first;
    Set<String> firstKnows;
    /** A listener added later, or null; and the members its notifications give. */
    Recorder late;
    Set<String> lateKnows;
    LiveSegments.Handle lateHandle;
    /** A listener whose handle was closed: it must get nothing more. */
    Recorder closed;
    long lastStep = Long.MIN_VALUE;
    final int registeredAt;

    Tracked(String key, Segment segment, ZoneId zone, LiveSegment live, Recorder first,
        Set<String> members, int registeredAt) {
      this.key = key;
      this.segment = segment;
      this.zone = zone;
      this.live = live;
      this.first = first;
      this.firstKnows = first == null ? null : members;
      this.registeredAt = registeredAt;
    }

    Condition condition() {
      return segment.condition();
    }
  }

  /** One seeded sequence: a world, an index, its live segments and the reference model. */
  private static final class Sequence {
    private final long base;
    private final long seed;
    private final int sequence;
    private final Map<String, Integer> stats;
    private final SplittableRandom rnd;
    private final Scenario s;
    private final ContactIndex index;
    private final ReferenceModel model;
    private final MutationSequenceTest.Generator gen;
    private final SegmentRegistry registry;
    private final LiveSegments live;
    private final List<Tracked> tracked = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    /** Row of each id ever seen, and id of each row: rows are stable for the life of the index. */
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final Map<Integer, String> idOf = new HashMap<>();
    /** The spans of the time-relative conditions of the live and saved segments. */
    private final List<TimeSpan> spans = new ArrayList<>();
    /** The time-relative leaves of the live segments (through references), in their zones. */
    private final List<TimeLeaf> leaves = new ArrayList<>();
    private int step = -1;
    /** What the last step did, for failure messages (built only when one fails). */
    private Supplier<String> lastStep = () -> "(none yet)";
    private String stepKind = "";
    private Instant nowBefore;
    /** An edge the last tick stopped a microsecond short of: the next tick often steps onto it. */
    private Instant shortOf;
    private int nextDeal;

    Sequence(long base, long seed, int sequence, Map<String, Integer> stats) {
      this.base = base;
      this.seed = seed;
      this.sequence = sequence;
      this.stats = stats;
      this.rnd = new SplittableRandom(seed);
      this.s = new Scenario(rnd, new Coverage());
      this.index = ContactIndex.create(s.schema);
      this.model = new ReferenceModel(s.schema);
      this.registry = timeRelativeRegistry();
      this.gen = new MutationSequenceTest.Generator(s, rnd, model, stats);
      this.live = LiveSegments.builder(index).clock(Clock.fixed(start(), ZoneOffset.UTC))
          .segments(registry).executor(Runnable::run)
          .errorHandler((segment, error) -> errors.add(segment.key() + ": " + error))
          .build();
    }

    private void count(String what) {
      stats.merge(what, 1, Integer::sum);
    }

    /**
     * Where time starts: mostly just before the scenario's evaluation instants, around which its
     * values and events cluster; for every fifth seed (so that a seed replays alone), in late
     * February 2027, to cross 28 February of a common year and then 29 February 2028.
     */
    private Instant start() {
      if (Math.floorMod(seed, 5) == 4) {
        return Instant.parse("2027-02-26T00:00:00Z").plusSeconds(rnd.nextLong(3 * 86_400L));
      }
      Instant first = s.contexts.get(0).now();
      for (EvaluationContext c : s.contexts) {
        if (c.now().isBefore(first)) {
          first = c.now();
        }
      }
      return rnd.nextBoolean() ? first : first.minusSeconds(rnd.nextLong(2 * 86_400L));
    }

    /**
     * The scenario's saved segments, and one or two more that depend on time (some through a
     * reference to another saved segment).
     */
    private SegmentRegistry timeRelativeRegistry() {
      SegmentRegistry r = s.newRegistry(1, 4);
      List<String> ids = new ArrayList<>(r.ids());
      ids.sort(null);
      int extra = 1 + rnd.nextInt(2);
      for (String id : Scenario.SEGMENT_IDS) {
        if (extra == 0) {
          break;
        }
        if (r.ids().contains(id) || !s.chance(50)) {
          continue;
        }
        Condition where = timeLeaf();
        if (s.chance(50)) {
          where = s.insert(where, new SegmentReference(s.pick(ids)));
        }
        r = r.with(Segment.builder().id(id).where(where).build());
        ids.add(id);
        extra--;
      }
      s.registry = r;
      for (String id : r.ids()) {
        collectSpans(r.get(id).orElseThrow().condition());
      }
      return r;
    }

    // ------------------------------------------------------------------ conditions

    /** A leaf whose answer moves with time. */
    private Condition timeLeaf() {
      int k = rnd.nextInt(100);
      if (k < 22) {
        return dateWindow(s.fieldOf(FieldType.DATE));
      }
      if (k < 40) {
        return datetimeWindow(s.fieldOf(FieldType.DATETIME));
      }
      if (k < 72) {
        // any event condition, its window made a "last"
        return s.eventLeaf().within(new EventWindow.Last(s.pick(TIME_SPANS)));
      }
      if (k < 88) {
        Condition window = relatedWindow(s.dealFieldsByType);
        DealCondition d = s.dealLeaf();
        return new DealCondition(s.chance(50) ? window : new All(List.of(d.where(), window)));
      }
      Condition window = relatedWindow(s.accountFieldsByType);
      AccountCondition a = s.accountLeaf();
      return new AccountCondition(s.chance(50) ? window : new Any(List.of(window, a.where())));
    }

    private Condition relatedWindow(Map<FieldType, List<String>> fields) {
      return s.chance(55) ? dateWindow(s.pick(fields.get(FieldType.DATE)))
          : datetimeWindow(s.pick(fields.get(FieldType.DATETIME)));
    }

    private Condition dateWindow(String field) {
      int k = rnd.nextInt(4);
      if (k == 3) {
        return new FieldCondition(field, FieldOperator.ANNIVERSARY, Operand.None.INSTANCE);
      }
      FieldOperator op = k == 0 ? FieldOperator.IN_LAST
          : k == 1 ? FieldOperator.OLDER_THAN : FieldOperator.IN_NEXT;
      return new FieldCondition(field, op, new Operand.Span(s.pick(DATE_SPANS)));
    }

    private Condition datetimeWindow(String field) {
      int k = rnd.nextInt(3);
      FieldOperator op = k == 0 ? FieldOperator.IN_LAST
          : k == 1 ? FieldOperator.OLDER_THAN : FieldOperator.IN_NEXT;
      return new FieldCondition(field, op, new Operand.Span(s.pick(TIME_SPANS)));
    }

    /** A condition for a live segment: random trees with time-relative leaves and references. */
    private Condition liveCondition() {
      List<String> saved = new ArrayList<>(registry.ids());
      saved.sort(null);
      switch (rnd.nextInt(11)) {
        case 0:
          return timeLeaf();
        case 1:
        case 2:
          return s.insert(s.condition(1 + rnd.nextInt(3)), timeLeaf());
        case 3:
          return s.eventCondition(1 + rnd.nextInt(2));
        case 4:
          return s.insert(s.relatedCondition(1 + rnd.nextInt(2)), timeLeaf());
        case 5:
          return s.insert(timeLeaf(), new SegmentReference(s.pick(saved)));
        case 6:
          return s.condition(2 + rnd.nextInt(3));
        case 7:
          return s.insert(s.insert(s.leaf(), timeLeaf()), timeLeaf());
        case 8:
          return s.chance(50) ? s.relatedLeaf() : s.eventLeaf();
        case 9:
          return new Not(s.insert(timeLeaf(), new SegmentReference(s.pick(saved))));
        default:
          return s.insert(s.condition(1), new SegmentReference(s.pick(saved)));
      }
    }

    /** Gathers the spans of every time-relative condition in {@code c}. */
    private void collectSpans(Condition c) {
      if (c instanceof All a) {
        a.conditions().forEach(this::collectSpans);
      } else if (c instanceof Any a) {
        a.conditions().forEach(this::collectSpans);
      } else if (c instanceof Not n) {
        collectSpans(n.condition());
      } else if (c instanceof DealCondition d) {
        collectSpans(d.where());
      } else if (c instanceof AccountCondition a) {
        collectSpans(a.where());
      } else if (c instanceof FieldCondition f && f.operand() instanceof Operand.Span sp) {
        addSpan(sp.span());
      } else if (c instanceof EventCondition e && e.window() instanceof EventWindow.Last l) {
        addSpan(l.span());
      }
    }

    private void addSpan(TimeSpan span) {
      if (!spans.contains(span)) {
        spans.add(span);
      }
    }

    /** Gathers the time-relative leaves of {@code c}, through references, read in {@code zone}. */
    private void collectLeaves(Condition c, Entity entity, ZoneId zone, Condition whole,
        Set<String> followed) {
      if (c instanceof All a) {
        a.conditions().forEach(x -> collectLeaves(x, entity, zone, whole, followed));
      } else if (c instanceof Any a) {
        a.conditions().forEach(x -> collectLeaves(x, entity, zone, whole, followed));
      } else if (c instanceof Not n) {
        collectLeaves(n.condition(), entity, zone, whole, followed);
      } else if (c instanceof DealCondition d) {
        collectLeaves(d.where(), Entity.DEAL, zone, whole, followed);
      } else if (c instanceof AccountCondition a) {
        collectLeaves(a.where(), Entity.ACCOUNT, zone, whole, followed);
      } else if (c instanceof SegmentReference r && followed.add(r.segmentId())) {
        collectLeaves(registry.get(r.segmentId()).orElseThrow().condition(), entity, zone, whole,
            followed);
      } else if (c instanceof FieldCondition f && (f.operand() instanceof Operand.Span
          || f.op() == FieldOperator.ANNIVERSARY)) {
        TimeSpan span = f.operand() instanceof Operand.Span sp ? sp.span() : null;
        leaves.add(new TimeLeaf(entity, f.field(), false, span, zone, whole));
      } else if (c instanceof EventCondition e && e.window() instanceof EventWindow.Last l) {
        leaves.add(new TimeLeaf(entity, e.type(), true, l.span(), zone, whole));
      }
    }

    /**
     * Registers a live segment on a random condition in a random zone (another if the reference
     * refuses it in that zone: then registering must fail too). Nothing may be reported.
     */
    private void register(String key, boolean withListener, boolean saved) {
      for (int attempt = 0; attempt < 50; attempt++) {
        Segment segment;
        if (saved) {
          List<String> ids = new ArrayList<>(registry.ids());
          ids.sort(null);
          segment = registry.get(s.pick(ids)).orElseThrow();
        } else {
          segment = Segment.of(liveCondition());
        }
        ZoneId zone = s.pick(ZONES);
        List<String> expected;
        try {
          expected = ReferenceEvaluator.evaluate(model.state(), s.schema, segment.condition(),
              context(zone));
        } catch (ReferenceEvaluator.InvalidRange e) {
          try {
            live.register(key, segment, zone);
            fail(where() + "\nregistered a segment the reference refuses in zone " + zone + ": "
                + e.getMessage() + "\ncondition: " + segment.condition());
          } catch (InvalidSegmentException expectedRefusal) {
            count("refused at registration");
          }
          continue;
        }
        Recorder first = withListener ? new Recorder() : null;
        LiveSegment ls = saved ? live.register(segment, zone, listeners(first))
            : live.register(key, segment, zone, listeners(first));
        Tracked t = new Tracked(ls.key(), segment, zone, ls, first, new HashSet<>(expected),
            step);
        tracked.add(t);
        collectSpans(segment.condition());
        collectLeaves(segment.condition(), Entity.CONTACT, zone, segment.condition(),
            new HashSet<>());
        List<String> members = ls.members().ids();
        if (!members.equals(expected)) {
          fail(where() + describe(t) + "\nmembers() at registration differ from the reference"
              + "\n" + diff(new HashSet<>(expected), new HashSet<>(members)));
        }
        if (saved) {
          count("registered saved segment");
        }
        return;
      }
      fail(where() + "\nno condition valid in its zone in 50 attempts");
    }

    private static SegmentListener[] listeners(Recorder r) {
      return r == null ? new SegmentListener[0] : new SegmentListener[] {r};
    }

    private EvaluationContext context(ZoneId zone) {
      return EvaluationContext.of(live.now(), zone).withSegments(registry);
    }

    // ------------------------------------------------------------------ the sequence

    void run() {
      try {
        steps();
      } catch (RuntimeException e) {
        StringBuilder all = new StringBuilder();
        tracked.forEach(t -> all.append(describe(t)));
        throw new AssertionError(where() + "\nunexpected " + e + all, e);
      }
    }

    private void steps() {
      // one or two segments see the first load as a step, the others are registered after it
      int before = 1 + rnd.nextInt(2);
      for (int i = 0; i < before; i++) {
        register("early-" + i, true, false);
      }
      List<Mutation> load = gen.initialLoad();
      step = 0;
      applyBatch(load, "initial load");
      check();
      int after = 3 + rnd.nextInt(3);
      for (int i = 0; i < after; i++) {
        // one without a listener: its members still follow, and a late listener picks it up
        register("seg-" + i, i != 1, false);
      }
      register("saved", true, true);
      for (step = 1; step <= STEPS; step++) {
        if (step == STEPS / 3) {
          addLateListeners();
        }
        if (step == 2 * STEPS / 3) {
          closeALateListener();
        }
        if (step == STEPS / 2) {
          register("midway", true, false);
          count("registered mid-sequence");
          checkNothingPending("registering reported something");
        }
        nowBefore = live.now();
        int k = rnd.nextInt(100);
        if (shortOf != null && s.chance(70)) {
          k = 60; // a tick, which often steps onto the edge the last one stopped short of
        }
        if (k < 34) {
          List<Mutation> batch = gen.batch();
          applyBatch(batch, "batch");
        } else if (k < 48) {
          applyBatch(nearNow(), "batch near now");
        } else if (k < 90) {
          tick();
        } else if (k < 94) {
          Instant cutoff = rnd.nextBoolean() ? gen.cutoff()
              : live.now().minus(s.pick(spans.isEmpty() ? TIME_SPANS : spans).toDuration());
          stepKind = "dropEventsBefore";
          lastStep = () -> "dropEventsBefore(" + cutoff + ")";
          count(stepKind);
          model.dropEventsBefore(cutoff);
          index.dropEventsBefore(cutoff);
        } else if (k < 96) {
          stepKind = "compact";
          lastStep = () -> "compact() (not a step)";
          count(stepKind);
          index.compact();
        } else if (k < 98) {
          stepKind = "batch empty";
          lastStep = () -> "update(b -> {})";
          count(stepKind);
          index.update(b -> { });
        } else {
          backwards();
        }
        check();
      }
      live.close();
    }

    private void applyBatch(List<Mutation> batch, String kind) {
      stepKind = kind;
      lastStep = () -> {
        String text = batch.toString();
        return kind + " of " + batch.size() + " mutations: " + (text.length() <= 4000 ? text
            : text.substring(0, 4000) + " ...");
      };
      count(kind);
      long version = index.snapshot().version();
      Mutation.Result expected = Mutation.applyTo(model, batch);
      Mutation.Result actual = Mutation.applyTo(index, batch);
      if (expected.outcome() != actual.outcome()) {
        fail(where() + "\nthe reference's batch was " + expected + ", the index's " + actual);
      }
      if (expected.outcome() != Mutation.Outcome.COMMITTED) {
        count("batch refused");
        if (index.snapshot().version() != version) {
          fail(where() + "\na refused batch changed the index");
        }
      }
    }

    /** Advancing to an earlier instant is refused and changes nothing. */
    private void backwards() {
      stepKind = "tick backwards refused";
      Instant earlier = live.now().minusNanos(rnd.nextBoolean() ? 1 : 1000);
      Instant from = live.now();
      lastStep = () -> "advanceTo(" + earlier + ") from " + from;
      count(stepKind);
      try {
        live.advanceTo(earlier);
        fail(where() + "\nadvanceTo an earlier instant was accepted");
      } catch (IllegalArgumentException expected) {
        // refused
      }
      if (!live.now().equals(nowBefore)) {
        fail(where() + "\na refused advance moved now to " + live.now());
      }
    }

    private void addLateListeners() {
      List<Tracked> chosen = new ArrayList<>();
      for (Tracked t : tracked) {
        if (t.first == null) {
          chosen.add(t);
        }
      }
      chosen.add(s.pick(tracked));
      for (Tracked t : chosen) {
        if (t.late != null) {
          continue;
        }
        t.late = new Recorder();
        t.lateKnows = new HashSet<>(t.live.members().ids());
        t.lateHandle = t.live.addListener(t.late);
      }
    }

    private void closeALateListener() {
      for (Tracked t : tracked) {
        if (t.late != null) {
          t.lateHandle.close();
          t.closed = t.late;
          t.late = null;
          t.lateKnows = null;
          return;
        }
      }
    }

    private void checkNothingPending(String what) {
      for (Tracked t : tracked) {
        for (Recorder r : new Recorder[] {t.first, t.late, t.closed}) {
          if (r != null && (!r.changes.isEmpty() || !r.resyncs.isEmpty())) {
            fail(where() + describe(t) + "\n" + what + ": " + r.changes + r.resyncs);
          }
        }
      }
    }

    // ------------------------------------------------------------------ changes near now

    /**
     * A batch of values and events on the window edges of the current {@code now}: date fields
     * around today and today plus or minus a span in a segment's zone (and on the same month and
     * day in other years, 29 February among them), datetimes and events at now plus or minus a
     * span, a microsecond either side, deals and accounts with such values.
     */
    private List<Mutation> nearNow() {
      List<Mutation> out = new ArrayList<>();
      List<String> ids = model.ids();
      if (ids.isEmpty()) {
        return out;
      }
      int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        String id = s.pick(ids);
        int k = rnd.nextInt(10);
        if (k < 3) {
          out.add(new Mutation.SetField(id, s.fieldOf(FieldType.DATE), nearToday()));
        } else if (k < 5) {
          out.add(new Mutation.SetField(id, s.fieldOf(FieldType.DATETIME), nearNowInstant()));
        } else if (k < 8) {
          out.add(new Mutation.Record(id, s.pick(s.eventTypes), nearNowInstant(),
              s.eventProps()));
        } else if (k < 9) {
          List<String> deals = model.dealIds();
          String deal = !deals.isEmpty() && rnd.nextBoolean() ? s.pick(deals)
              : "near-deal" + nextDeal++;
          Map<String, Object> fields = new LinkedHashMap<>(s.deal(deal, id).fields());
          nearNowFields(fields, s.dealFieldsByType);
          out.add(new Mutation.UpsertDeal(deal, id, fields));
        } else {
          String account = s.pick(Scenario.ACCOUNT_IDS);
          Map<String, Object> fields = new LinkedHashMap<>(s.account(account).fields());
          nearNowFields(fields, s.accountFieldsByType);
          out.add(new Mutation.UpsertAccount(account, fields));
          out.add(new Mutation.SetAccount(id, account));
        }
      }
      return out;
    }

    private void nearNowFields(Map<String, Object> fields, Map<FieldType, List<String>> byType) {
      if (s.chance(70)) {
        fields.put(s.pick(byType.get(FieldType.DATE)), nearToday());
      }
      if (s.chance(70)) {
        fields.put(s.pick(byType.get(FieldType.DATETIME)), nearNowInstant());
      }
    }

    private ZoneId someZone() {
      return tracked.isEmpty() ? s.pick(ZONES) : s.pick(tracked).zone;
    }

    private LocalDate nearToday() {
      LocalDate today = LocalDate.ofInstant(live.now(), someZone());
      int k = rnd.nextInt(10);
      if (k < 3) {
        return today.plusDays(rnd.nextInt(7) - 3);
      }
      if (k < 7) {
        long n = s.pick(DATE_SPANS).totalDays();
        for (TimeSpan span : spans) {
          if (span.isWholeDays() && s.chance(50)) {
            n = span.totalDays();
            break;
          }
        }
        return today.plusDays((rnd.nextBoolean() ? n : -n) + rnd.nextInt(3) - 1);
      }
      if (k < 9) {
        // an anniversary around today, in a leap year or not
        LocalDate d = today.plusDays(rnd.nextInt(5) - 2);
        return d.withYear(s.pick(List.of(1990, 2000, 2023, 2024, 2028, 2029)));
      }
      return s.pick(List.of(LocalDate.of(2000, 2, 29), LocalDate.of(2024, 2, 29),
          LocalDate.of(2027, 2, 28), LocalDate.of(2028, 2, 28), LocalDate.of(2028, 2, 29),
          LocalDate.of(2027, 3, 1)));
    }

    private Instant nearNowInstant() {
      Instant now = live.now();
      int k = rnd.nextInt(10);
      Instant t;
      if (k < 6) {
        Duration d = s.pick(spans.isEmpty() ? TIME_SPANS : spans).toDuration();
        t = rnd.nextInt(4) == 0 ? now.plus(d) : now.minus(d);
      } else if (k < 8) {
        t = now.plusSeconds(rnd.nextLong(-3 * 3600, 3 * 3600));
      } else {
        t = now;
      }
      t = t.truncatedTo(ChronoUnit.MICROS).plusNanos(1000L * (rnd.nextInt(3) - 1));
      return s.chance(10) ? t.plusNanos(1 + rnd.nextInt(999)) : t;
    }

    // ------------------------------------------------------------------ ticks

    private void tick() {
      Instant now = live.now();
      Instant to;
      int k = rnd.nextInt(100);
      if (shortOf != null && s.chance(80)) {
        k = s.chance(80) ? 10 : 6; // onto the edge, or a nanosecond short of it
      }
      shortOf = null;
      if (k < 5) {
        stepKind = "tick zero";
        to = now;
      } else if (k < 8) {
        stepKind = "tick 1ns";
        to = now.plusNanos(1);
      } else if (k < 14) {
        stepKind = "tick 1us";
        to = now.plusNanos(1000);
      } else if (k < 19) {
        stepKind = "tick 1s";
        to = now.plusSeconds(1);
      } else if (k < 24) {
        stepKind = "tick 1min";
        to = now.plusSeconds(60);
      } else if (k < 32) {
        stepKind = "tick hours";
        to = now.plusSeconds(3600L * (1 + rnd.nextInt(23)));
      } else if (k < 40) {
        stepKind = "tick days";
        to = now.plus(Duration.ofDays(1 + rnd.nextInt(6)));
      } else if (k < 43) {
        stepKind = "tick months";
        to = now.atZone(someZone()).plusMonths(1 + rnd.nextInt(2)).toInstant();
      } else if (k < 44) {
        stepKind = "tick year";
        to = now.atZone(someZone()).plusYears(1).toInstant();
      } else if (k < 58) {
        stepKind = "tick midnight";
        ZoneId zone = someZone();
        LocalDate next = LocalDate.ofInstant(now, zone).plusDays(1 + (s.chance(20) ? 1 : 0));
        to = nudge(next.atStartOfDay(zone).toInstant(), now);
      } else if (k < 66) {
        stepKind = "tick DST";
        to = nextTransition(now);
      } else if (k < 71) {
        stepKind = "tick Feb 28/29";
        to = nextLateFebruary(now);
      } else {
        stepKind = "tick edge";
        to = edge(now);
      }
      if (to == null) {
        stepKind = "tick hours";
        to = now.plusSeconds(3600L * (1 + rnd.nextInt(23)));
      }
      count(stepKind);
      String kind = stepKind;
      Instant target = to;
      lastStep = () -> kind + ": advanceTo(" + target + ") from " + now;
      live.advanceTo(to);
    }

    /** {@code at} or a microsecond either side, if that is not before {@code now}. */
    private Instant nudge(Instant at, Instant now) {
      Instant t = at.plusNanos(1000L * (rnd.nextInt(3) - 1));
      if (t.isBefore(now)) {
        return at.isBefore(now) ? null : at;
      }
      if (t.isBefore(at)) {
        shortOf = at;
      }
      return t;
    }

    /** Just before, at or after the next DST change of a segment's zone; or the midnight after. */
    private Instant nextTransition(Instant now) {
      for (int i = 0; i < 4; i++) {
        ZoneId zone = someZone();
        ZoneOffsetTransition tr = zone.getRules().nextTransition(now);
        if (tr == null || tr.getInstant().isAfter(now.plus(Duration.ofDays(400)))) {
          continue;
        }
        if (s.chance(25)) {
          LocalDate day = LocalDate.ofInstant(tr.getInstant(), zone).plusDays(rnd.nextInt(2));
          Instant midnight = day.atStartOfDay(zone).toInstant();
          if (!midnight.isBefore(now)) {
            return nudge(midnight, now);
          }
        }
        return nudge(tr.getInstant(), now);
      }
      return null;
    }

    /** A midnight, in a segment's zone, of the next 27 February to 1 March. */
    private Instant nextLateFebruary(Instant now) {
      ZoneId zone = someZone();
      LocalDate today = LocalDate.ofInstant(now, zone);
      List<LocalDate> days = new ArrayList<>();
      for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
        LocalDate feb27 = LocalDate.of(y, Month.FEBRUARY, 27);
        for (int d = 0; d < 4; d++) {
          LocalDate day = feb27.plusDays(d);
          boolean lateFebruary = day.getMonth() == Month.FEBRUARY || day.getDayOfMonth() == 1;
          if (day.isAfter(today) && lateFebruary) {
            days.add(day);
          }
        }
        if (!days.isEmpty()) {
          break;
        }
      }
      // mostly the first of them, so that consecutive ticks walk across the month's end
      LocalDate day = s.chance(70) ? days.get(0) : s.pick(days);
      return nudge(day.atStartOfDay(zone).toInstant(), now);
    }

    /**
     * The instant at which (or a microsecond either side of which) a value or event of the index
     * crosses the edge of one of the conditions' windows.
     */
    private Instant edge(Instant now) {
      List<String> ids = model.ids();
      if (ids.isEmpty() || spans.isEmpty()) {
        return null;
      }
      ReferenceModel.State state = model.state();
      List<Instant> candidates = new ArrayList<>();
      if (!leaves.isEmpty() && s.chance(80)) {
        // an edge where a contact's membership in the leaf's live segment flips: the tick lands
        // on it, or a microsecond either side (and the next tick often steps onto it)
        TimeLeaf leaf = s.pick(leaves);
        List<Instant> flips = new ArrayList<>();
        for (int i = 0; i < 120 && flips.size() < 4; i++) {
          if (i % 40 == 39) {
            leaf = s.pick(leaves);
          }
          RefContact c = model.get(s.pick(ids));
          List<Instant> edges = new ArrayList<>();
          leafEdges(leaf, c, state, now.plusNanos(1000), edges);
          for (Instant e : edges) {
            for (Instant f : List.of(e, e.plusNanos(1000))) {
              if (flips(leaf, c, state, f)) {
                flips.add(f);
                break;
              }
            }
          }
        }
        if (!flips.isEmpty()) {
          flips.sort(null);
          count("tick edge that flips");
          Instant f = s.chance(70) ? flips.get(0) : s.pick(flips);
          if (s.chance(50)) {
            shortOf = f; // the next tick likely steps onto it
            return f.minusNanos(1000);
          }
          return nudge(f, now);
        }
        for (int i = 0; i < 20; i++) {
          leafEdges(leaf, model.get(s.pick(ids)), state, now, candidates);
        }
      }
      for (int i = 0; i < 12 && candidates.size() < 12; i++) {
        RefContact c = model.get(s.pick(ids));
        TimeSpan span = s.pick(spans);
        Duration d = span.toDuration();
        ZoneId zone = someZone();
        if (!c.events().isEmpty()) {
          Instant t = s.pick(c.events()).at();
          addIfAfter(candidates, now, t, t.plus(d));
        }
        List<Map<String, Object>> valueSets = new ArrayList<>();
        valueSets.add(c.fields());
        for (RefDeal deal : state.dealsOf(c.id())) {
          valueSets.add(deal.fields());
        }
        if (c.account() != null && model.account(c.account()) != null) {
          valueSets.add(model.account(c.account()).fields());
        }
        for (Map<String, Object> fields : valueSets) {
          for (Object v : fields.values()) {
            if (v instanceof Instant t) {
              addIfAfter(candidates, now, t, t.plus(d), t.minus(d));
            } else if (v instanceof LocalDate day && span.isWholeDays()) {
              long n = span.totalDays();
              for (LocalDate e : List.of(day, day.plusDays(1), day.plusDays(n),
                  day.minusDays(n - 1))) {
                if (e.getYear() > 0 && e.getYear() < 10_000) {
                  addIfAfter(candidates, now, e.atStartOfDay(zone).toInstant());
                }
              }
            }
          }
        }
      }
      if (candidates.isEmpty()) {
        return null;
      }
      // mostly a near one, so that the test walks through the edges rather than past them
      candidates.sort(null);
      Instant t = s.chance(70) ? candidates.get(rnd.nextInt(Math.min(3, candidates.size())))
          : s.pick(candidates);
      return nudge(t, now);
    }

    /**
     * Whether contact {@code c} is a member of the leaf's live segment at {@code at} and not a
     * microsecond before, or the other way round (membership is decided per contact).
     */
    private boolean flips(TimeLeaf leaf, RefContact c, ReferenceModel.State state, Instant at) {
      ReferenceModel.State alone = new ReferenceModel.State(List.of(c),
          Map.of(c.id(), state.dealsOf(c.id())), state.accounts());
      EvaluationContext before = EvaluationContext.of(at.minusNanos(1000), leaf.zone())
          .withSegments(registry);
      EvaluationContext after = EvaluationContext.of(at, leaf.zone()).withSegments(registry);
      return !ReferenceEvaluator.evaluate(alone, s.schema, leaf.whole(), before)
          .equals(ReferenceEvaluator.evaluate(alone, s.schema, leaf.whole(), after));
    }

    /** The instants at which {@code leaf}'s answer for contact {@code c} flips. */
    private void leafEdges(TimeLeaf leaf, RefContact c, ReferenceModel.State state, Instant now,
        List<Instant> out) {
      Duration d = leaf.span() == null ? Duration.ZERO : leaf.span().toDuration();
      if (leaf.event()) {
        for (RefContact.RefEvent e : c.events()) {
          if (e.type().equals(leaf.name())) {
            addIfAfter(out, now, e.at(), e.at().plus(d)); // enters, leaves "last D"
          }
        }
        return;
      }
      List<Object> values = new ArrayList<>();
      switch (leaf.entity()) {
        case CONTACT -> values.add(c.fields().get(leaf.name()));
        case DEAL -> state.dealsOf(c.id()).forEach(x -> values.add(x.fields().get(leaf.name())));
        default -> {
          RefAccount a = c.account() == null ? null : model.account(c.account());
          values.add(a == null ? null : a.fields().get(leaf.name()));
        }
      }
      LocalDate today = LocalDate.ofInstant(now, leaf.zone());
      for (Object v : values) {
        if (v instanceof Instant t) {
          addIfAfter(out, now, t.minus(d), t, t.plus(d)); // inNext, inLast, olderThan edges
        } else if (v instanceof LocalDate day) {
          List<LocalDate> days = new ArrayList<>();
          if (leaf.span() == null) {
            // the anniversary this year and next, and the day after it (29 February: the 28th)
            for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
              LocalDate a = day.withYear(y);
              days.add(a);
              days.add(a.plusDays(1));
            }
          } else {
            long n = leaf.span().totalDays();
            days.addAll(List.of(day.minusDays(n - 1), day, day.plusDays(1), day.plusDays(n)));
          }
          for (LocalDate e : days) {
            if (e.getYear() > 0 && e.getYear() < 10_000) {
              addIfAfter(out, now, e.atStartOfDay(leaf.zone()).toInstant());
            }
          }
        }
      }
    }

    private static void addIfAfter(List<Instant> out, Instant now, Instant... times) {
      for (Instant t : times) {
        if (t.isAfter(now) && t.isBefore(now.plus(Duration.ofDays(800)))) {
          out.add(t);
        }
      }
    }

    // ------------------------------------------------------------------ checks

    /** Learns the row of every contact now in the index, and checks rows never move. */
    private void learnRows() {
      SegmentResult everyone =
          index.snapshot().evaluate(Conditions.all(), EvaluationContext.of(live.now(),
              ZoneOffset.UTC));
      List<String> ids = everyone.ids();
      IntIterator rows = everyone.bitmap().getIntIterator();
      for (String id : ids) {
        pair(rows.next(), id, "a contact of the index");
      }
      if (ids.size() != model.size()) {
        fail(where() + "\nthe index holds " + ids.size() + " contacts, the reference "
            + model.size());
      }
    }

    /** Checks that {@code row} and {@code id} belong together, as seen before. */
    private void pair(int row, String id, String what) {
      Integer knownRow = rowOf.putIfAbsent(id, row);
      String knownId = idOf.putIfAbsent(row, id);
      if (knownRow != null && knownRow != row || knownId != null && !knownId.equals(id)) {
        fail(where() + "\n" + what + ": id " + id + " with row " + row + ", but " + id
            + " had row " + knownRow + " and row " + row + " was " + knownId);
      }
    }

    private void check() {
      if (!errors.isEmpty()) {
        fail(where() + "\na listener failed: " + errors);
      }
      learnRows();
      ReferenceModel.State state = model.state();
      long version = index.snapshot().version();
      for (Tracked t : tracked) {
        List<String> expected = ReferenceEvaluator.evaluate(state, s.schema, t.condition(),
            context(t.zone));
        Set<String> expectedSet = new HashSet<>(expected);
        List<String> members = t.live.members().ids();
        if (!members.equals(expected)) {
          fail(where() + describe(t) + "\nmembers() differ from the reference\n"
              + diff(expectedSet, new HashSet<>(members)) + details(state, expectedSet,
                  new HashSet<>(members)));
        }
        List<SegmentChange> firstGot = null;
        if (t.first != null) {
          firstGot = t.first.take();
          t.firstKnows = replay(t, "its listener", t.first, firstGot, t.firstKnows, expectedSet,
              version, state);
        }
        if (t.late != null) {
          List<SegmentChange> lateGot = t.late.take();
          if (firstGot != null && !lateGot.equals(firstGot)) {
            fail(where() + describe(t) + "\nthe late listener got " + lateGot
                + "\nthe first listener got " + firstGot);
          }
          if (!lateGot.isEmpty()) {
            count("reported to late listener");
          }
          t.lateKnows = replay(t, "the late listener", t.late, lateGot, t.lateKnows, expectedSet,
              version, state);
        }
        if (t.closed != null && (!t.closed.changes.isEmpty() || !t.closed.resyncs.isEmpty())) {
          fail(where() + describe(t) + "\na closed listener got " + t.closed.changes
              + t.closed.resyncs);
        }
      }
    }

    /**
     * The members a listener knows after applying what it got in this step, which must be exactly
     * the reference's members; fails on anything else.
     */
    private Set<String> replay(Tracked t, String who, Recorder r, List<SegmentChange> got,
        Set<String> knew, Set<String> expected, long version, ReferenceModel.State state) {
      if (!r.resyncs.isEmpty()) {
        fail(where() + describe(t) + "\n" + who + " got a resync with a direct executor: "
            + r.resyncs);
      }
      if (got.size() > 1) {
        fail(where() + describe(t) + "\n" + who + " got " + got.size()
            + " notifications in one step: " + got);
      }
      Set<String> knows = new HashSet<>(knew);
      if (got.size() == 1) {
        SegmentChange c = got.get(0);
        String said = "\nnotification: entered " + c.entered() + " exited " + c.exited();
        if (c.entered().isEmpty() && c.exited().isEmpty()) {
          fail(where() + describe(t) + "\n" + who + " got a notification with both lists empty");
        }
        if (!c.key().equals(t.key) || !c.segment().equals(t.segment)) {
          fail(where() + describe(t) + "\nnotification of " + c.key() + " / " + c.segment());
        }
        if (!c.now().equals(live.now()) || c.version() != version) {
          fail(where() + describe(t) + "\nnotification at now " + c.now() + ", version "
              + c.version() + "; the step is at now " + live.now() + ", version " + version);
        }
        if (r == t.first || t.first == null) {
          if (c.step() <= t.lastStep) {
            fail(where() + describe(t) + "\nstep " + c.step() + " after step " + t.lastStep);
          }
          t.lastStep = c.step();
        }
        checkRows(t, c.entered(), c.enteredRows(), "entered", said);
        checkRows(t, c.exited(), c.exitedRows(), "exited", said);
        for (String id : c.entered()) {
          if (!knows.add(id)) {
            fail(where() + describe(t) + "\n" + who + " was told " + id
                + " entered, but it was a member" + said);
          }
        }
        for (String id : c.exited()) {
          if (!knows.remove(id)) {
            fail(where() + describe(t) + "\n" + who + " was told " + id
                + " exited, but it was not a member" + said);
          }
          if (model.get(id) == null) {
            count("exited by removal");
          }
        }
        if (r == t.first || t.first == null) {
          count("notifications");
          count("reported on " + stepKind);
          if (stepKind.startsWith("tick")) {
            count("reported on tick");
          }
          if (!Scenario.referencesIn(t.condition()).isEmpty()) {
            count("reported reference segment on "
                + (stepKind.startsWith("tick") ? "tick" : "batch"));
          }
          if (stepKind.startsWith("tick") && hasRelated(t.condition())) {
            count("reported deal or account condition on tick");
          }
        }
      }
      if (!knows.equals(expected)) {
        fail(where() + describe(t) + "\n" + who + "'s notifications "
            + (got.isEmpty() ? "(none)" : "(" + got.get(0).entered() + " entered, "
                + got.get(0).exited() + " exited)")
            + " applied to the members it knew do not give the reference's members\n"
            + diff(expected, knows) + details(state, expected, knows));
      }
      return knows;
    }

    private static boolean hasRelated(Condition c) {
      if (c instanceof All a) {
        return a.conditions().stream().anyMatch(Sequence::hasRelated);
      }
      if (c instanceof Any a) {
        return a.conditions().stream().anyMatch(Sequence::hasRelated);
      }
      if (c instanceof Not n) {
        return hasRelated(n.condition());
      }
      return c instanceof DealCondition || c instanceof AccountCondition;
    }

    /** The ids and the rows of a notification name the same contacts, in row order. */
    private void checkRows(Tracked t, List<String> ids, ImmutableRoaringBitmap rows, String what,
        String said) {
      if (rows.getCardinality() != ids.size() || new HashSet<>(ids).size() != ids.size()) {
        fail(where() + describe(t) + "\n" + what + " has " + ids.size() + " ids and "
            + rows.getCardinality() + " rows" + said);
      }
      IntIterator it = rows.getIntIterator();
      for (String id : ids) {
        int row = it.next();
        Integer known = rowOf.get(id);
        if (known == null || known != row) {
          fail(where() + describe(t) + "\n" + what + " names " + id + " at row " + row
              + ", but its row is " + known + " (row " + row + " is " + idOf.get(row) + ")"
              + said);
        }
      }
    }

    // ------------------------------------------------------------------ failure messages

    private String where() {
      return "seed " + seed + " (base " + base + ", sequence " + sequence + ", step " + step
          + ")\n" + Seeds.replay(LiveSegmentsMatchReferenceTest.class.getSimpleName(), seed)
          + "\nlast step: " + lastStep.get() + "\nnow: " + (live == null ? "-" : live.now())
          + " (before the step: " + nowBefore + ")\nschema: " + s.schema;
    }

    private String describe(Tracked t) {
      StringBuilder sb = new StringBuilder("\nlive segment \"").append(t.key).append("\" in zone ")
          .append(t.zone).append(" (today there: ")
          .append(LocalDate.ofInstant(live.now(), t.zone)).append("), registered at step ")
          .append(t.registeredAt).append("\ncondition: ").append(t.condition());
      for (String id : registry.ids()) {
        sb.append("\nsaved segment ").append(id).append(": ")
            .append(registry.get(id).orElseThrow().condition());
      }
      return sb.toString();
    }

    private static String diff(Set<String> expected, Set<String> actual) {
      Set<String> missing = new LinkedHashSet<>(expected);
      missing.removeAll(actual);
      Set<String> extra = new LinkedHashSet<>(actual);
      extra.removeAll(expected);
      return "reference has " + expected.size() + ", live " + actual.size() + "; missing "
          + missing + ", extra " + extra;
    }

    private String details(ReferenceModel.State state, Set<String> expected, Set<String> actual) {
      Map<String, RefContact> byId = new HashMap<>();
      state.contacts().forEach(c -> byId.put(c.id(), c));
      StringBuilder sb = new StringBuilder();
      int shown = 0;
      Set<String> differ = new LinkedHashSet<>(expected);
      differ.addAll(actual);
      Set<String> both = new HashSet<>(expected);
      both.retainAll(actual);
      differ.removeAll(both);
      for (String id : differ) {
        if (shown++ == 3) {
          break;
        }
        RefContact c = byId.get(id);
        sb.append("\n  ").append(c == null ? id + " (not in the reference)" : state.describe(c));
      }
      return sb.toString();
    }
  }
}
