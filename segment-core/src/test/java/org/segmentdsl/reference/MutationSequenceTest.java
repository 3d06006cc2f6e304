package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.dsl.Conditions;
import org.segmentdsl.internal.column.FieldColumn;
import org.segmentdsl.internal.column.GeoColumn;
import org.segmentdsl.internal.column.OrderedColumn;
import org.segmentdsl.internal.column.RangeColumn;
import org.segmentdsl.internal.table.IndexData;

/**
 * Property test: random sequences of mutations (upserts of new and existing contacts, removes,
 * tag, field and list changes, recorded events, multi-op and bulk batches, batches that are
 * refused or aborted midway, also by a bad event) and of {@code dropEventsBefore} calls are
 * applied to a {@link ContactIndex} and to the plain {@link ReferenceModel}, with an occasional
 * {@link ContactIndex#compact} that must change no answer; after every step the
 * index must hold the same contacts and evaluate random conditions (event conditions among them)
 * exactly like the reference evaluator, and snapshots taken earlier must still answer as they did.
 * Events are recorded for contacts added earlier in the same batch, before and after a contact is
 * removed and added again in one batch, and for contacts that do not exist (refused). Ordered
 * fields are written heavily, so their range columns are compacted many times (checked).
 *
 * <p>Deals and accounts (segment-format.md 3.7, {@code IndexBatch}): deals are added, changed,
 * moved to another contact and removed (also ones that do not exist); accounts are added,
 * changed, removed (their contacts lose the link; added again, the links do not come back) and
 * linked by {@code setAccount} and by upserts (an upsert without an account clears the link);
 * contacts owning deals are removed, also in the batch that re-adds them. Bad ones come midway
 * through batches: a deal of a contact that does not exist or was removed earlier in the batch, a
 * link to an account that does not exist or was removed earlier in the batch, bad deal and account
 * fields and ids; the whole batch is refused and neither the index nor the model changes. Each
 * sequence has a registry of saved segments; every step also checks deal, account and reference
 * conditions, and which contacts have a deal and an account at all. Deal fields are rewritten in
 * bulk, so that the deal table's range columns are rebuilt too (checked).
 *
 * <p>{@value #DEFAULT_SEQUENCES} sequences of {@value #STEPS} steps by default;
 * {@code -Dsegment.tries=N} sets the number of sequences, {@code -Dsegment.seed=S} the base seed.
 */
class MutationSequenceTest {
  static final int DEFAULT_SEQUENCES = 24;
  static final int STEPS = 300;
  static final int CONDITIONS_PER_STEP = 5;

  /** Percent of steps that drop old events instead of applying a batch. */
  static final int DROP_PERCENT = 4;
  static final int COMPACT_PERCENT = 4;

  private static final List<FieldType> ORDERED =
      List.of(FieldType.NUMBER, FieldType.DATE, FieldType.DATETIME, FieldType.GEO);

  @Test
  void indexMatchesReferenceAfterEveryMutation() throws ReflectiveOperationException {
    long base = Seeds.baseSeed();
    int sequences = Seeds.tries(DEFAULT_SEQUENCES);
    Coverage coverage = new Coverage();
    Map<String, Integer> stats = new TreeMap<>();
    for (int q = 0; q < sequences; q++) {
      long seed = base + q;
      try {
        runSequence(base, seed, q, coverage, stats);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", sequence " + q
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (sequences >= 10) {
      coverage.assertComplete();
      for (String kind : List.of("upsert new", "upsert existing", "remove", "remove absent",
          "addTag", "removeTag", "setField", "setField null", "clearField", "setListStatus",
          "leaveList", "batch multi", "batch bulk", "batch refused", "batch aborted",
          "record", "record multi", "record for contact added in batch", "record via index",
          "batch events", "batch refused by event", "record then remove same batch",
          "remove with events", "remove re-add same batch", "upsert keeps events",
          "dropEventsBefore", "dropEventsBefore dropped some", "dropEventsBefore sub-microsecond",
          "dropEventsBefore extreme", "compact",
          "upsertDeal new", "upsertDeal fields", "upsertDeal move",
          "upsertDeal for contact added in batch", "removeDeal", "removeDeal absent",
          "upsertAccount new", "upsertAccount existing", "upsertAccount re-add removed",
          "removeAccount linked", "removeAccount absent", "setAccount", "setAccount null",
          "upsert with account", "upsert clears account", "upsert keeps deals",
          "remove with deals", "remove re-add same batch with deals", "deal of re-added contact",
          "link then removeAccount same batch", "batch deal bulk",
          "batch refused by deal", "batch refused by deal of removed contact",
          "batch refused by account", "batch refused by link",
          "batch refused by link to removed account", "batch refused by setAccount of nobody")) {
        assertTrue(stats.getOrDefault(kind, 0) > 0, () -> "never generated " + kind + ": " + stats);
      }
      for (FieldType t : ORDERED) {
        int rebuilds = stats.getOrDefault("rebuild " + t, 0);
        assertTrue(rebuilds >= 2 * sequences, () -> "range columns of " + t
            + " fields were rebuilt " + rebuilds + " times in " + sequences
            + " sequences; the test must reach compaction: " + stats);
        int dealRebuilds = stats.getOrDefault("rebuild deal " + t, 0);
        assertTrue(dealRebuilds >= sequences / 2, () -> "range columns of " + t
            + " deal fields were rebuilt " + dealRebuilds + " times in " + sequences
            + " sequences; the test must reach compaction: " + stats);
      }
    }
  }

  private void runSequence(long base, long seed, int sequence, Coverage coverage,
      Map<String, Integer> stats) throws ReflectiveOperationException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, coverage);
    ContactIndex index = ContactIndex.create(s.schema);
    ReferenceModel model = new ReferenceModel(s.schema);
    s.newRegistry(5); // s.context() carries it
    Generator gen = new Generator(s, rnd, model, stats);
    List<Frozen> frozen = new ArrayList<>();
    Map<String, Object> bases = rangeBases(index.snapshot());

    for (int step = -1; step < STEPS; step++) {
      boolean drop = step >= 0 && rnd.nextInt(100) < DROP_PERCENT;
      Instant cutoff = drop ? gen.cutoff() : null;
      List<Mutation> batch = step < 0 ? gen.initialLoad() : drop ? List.of() : gen.batch();
      int stepNo = step;
      Supplier<String> where = () -> "seed " + seed + " (base " + base + ", sequence " + sequence
          + ", step " + stepNo + ")\n" + Seeds.replay(getClass().getSimpleName(), seed)
          + "\nschema: " + s.schema + (drop ? "\nlast step: dropEventsBefore(" + cutoff + ")"
              : "\nlast batch: " + batch);

      IndexSnapshot before = index.snapshot();
      if (drop) {
        int events = model.eventCount();
        model.dropEventsBefore(cutoff);
        index.dropEventsBefore(cutoff);
        stats.merge("dropEventsBefore", 1, Integer::sum);
        if (model.eventCount() < events) {
          stats.merge("dropEventsBefore dropped some", 1, Integer::sum);
        }
      } else {
        Mutation.Result expected = Mutation.applyTo(model, batch);
        Mutation.Result actual;
        if (batch.size() == 1 && batch.get(0) instanceof Mutation.Record r && rnd.nextBoolean()) {
          stats.merge("record via index", 1, Integer::sum);
          actual = Mutation.recordTo(index, r);
        } else {
          actual = Mutation.applyTo(index, batch);
        }
        assertEquals(expected.outcome(), actual.outcome(),
            () -> where.get() + "\nreference: " + expected + "\nindex: " + actual);
        if (expected.outcome() != Mutation.Outcome.COMMITTED) {
          assertSame(before, index.snapshot(),
              () -> where.get() + "\na failed batch changed the index");
        }
        if (rnd.nextInt(100) < COMPACT_PERCENT) {
          index.compact(); // changes no answer: the checks below hold as they would without it
          stats.merge("compact", 1, Integer::sum);
        }
      }

      IndexSnapshot snapshot = index.snapshot();
      assertEquals(model.size(), snapshot.size(), () -> where.get() + "\nsize");
      ReferenceModel.State state = model.state();
      for (int i = 0; i < 3; i++) {
        String id = gen.poolId();
        assertEquals(model.get(id) != null, snapshot.containsContact(id),
            () -> where.get() + "\ncontainsContact(" + id + ")");
      }
      // who has a deal at all, and who an account: the relations themselves
      Condition pinned = (step & 1) == 0 ? Conditions.deal(new All(List.of()))
          : Conditions.account(new All(List.of()));
      Checks.sameMembers(snapshot, state, s.schema, pinned, s.context(),
          () -> where.get() + "\nwho has a deal / an account");
      for (int k = 0; k < CONDITIONS_PER_STEP + (drop ? 2 : 0); k++) {
        // mostly deep trees; some single leaves, which pin each predicate down exactly; event
        // conditions alone or in trees of mostly event conditions; deal, account and reference
        // conditions alone or in trees of mostly those
        Condition c = k == 0 ? s.leaf() : k < 3 ? s.condition(4 + rnd.nextInt(2))
            : k == 3 ? (rnd.nextBoolean() ? s.eventLeaf() : s.eventCondition(1 + rnd.nextInt(3)))
            : rnd.nextBoolean() ? s.relatedLeaf() : s.relatedCondition(1 + rnd.nextInt(3));
        EvaluationContext ctx = s.context();
        int condNo = k;
        Checks.sameMembers(snapshot, state, s.schema, c, ctx,
            () -> where.get() + "\ncondition " + condNo + " of the step");
        if (k == 1 && rnd.nextInt(10) == 0) {
          frozen.add(new Frozen(snapshot, state, c, ctx, stepNo));
          if (frozen.size() > 4) {
            frozen.remove(rnd.nextInt(frozen.size()));
          }
        }
      }
      if (!frozen.isEmpty()) {
        // a snapshot taken earlier still sees exactly the state it was taken at
        Frozen f = frozen.get(rnd.nextInt(frozen.size()));
        Checks.sameMembers(f.snapshot, f.state, s.schema, f.condition, f.context,
            () -> where.get() + "\nre-evaluating the snapshot of step " + f.step);
      }

      Map<String, Object> now = rangeBases(snapshot);
      for (Map.Entry<String, Object> e : now.entrySet()) {
        if (e.getValue() != null && e.getValue() != bases.get(e.getKey())) {
          String key = e.getKey();
          stats.merge(key.startsWith(DEAL_KEY)
              ? "rebuild deal " + s.schema.dealFields().get(key.substring(DEAL_KEY.length()))
              : "rebuild " + s.typeOf(key), 1, Integer::sum);
        }
      }
      bases = now;
    }
  }

  /** A snapshot with what it held and one condition to re-check on it later. */
  private record Frozen(IndexSnapshot snapshot, ReferenceModel.State state, Condition condition,
      EvaluationContext context, int step) {}

  /** Marks the deal table's fields among {@link #rangeBases}' keys (no field name has a space). */
  private static final String DEAL_KEY = "deal ";

  /**
   * The newest run of every range column, by contact field and by deal field ({@link #DEAL_KEY}
   * and its name): a new object means a run was built (a flush, a bulk add or a merge). Read by reflection, only
   * to prove that the sequences reach the compaction path.
   */
  private static Map<String, Object> rangeBases(IndexSnapshot snapshot)
      throws ReflectiveOperationException {
    IndexData data = Internals.data(snapshot);
    Map<String, Object> out = rangeBases(data, "");
    out.putAll(rangeBases(data.relations().deals(), DEAL_KEY));
    return out;
  }

  private static Map<String, Object> rangeBases(IndexData data, String prefix)
      throws ReflectiveOperationException {
    Field orderedRange = OrderedColumn.class.getDeclaredField("range");
    orderedRange.setAccessible(true);
    Field geoLat = GeoColumn.class.getDeclaredField("lat");
    geoLat.setAccessible(true);
    Field runs = RangeColumn.class.getDeclaredField("runs");
    runs.setAccessible(true);
    Map<String, Object> out = new HashMap<>();
    for (Map.Entry<String, FieldColumn> e : data.fields().entrySet()) {
      Object range = null;
      if (e.getValue() instanceof OrderedColumn o) {
        range = orderedRange.get(o);
      } else if (e.getValue() instanceof GeoColumn g) {
        range = geoLat.get(g);
      }
      if (range != null) {
        out.put(prefix + e.getKey(), newestRun((Object[]) runs.get(range)));
      }
    }
    return out;
  }

  /** The serialised bytes of a range column's newest run (null if none): new when a run is built. */
  private static Object newestRun(Object[] runs) throws ReflectiveOperationException {
    if (runs.length == 0) {
      return null;
    }
    Object run = runs[runs.length - 1];
    java.lang.reflect.Method bytes = run.getClass().getDeclaredMethod("bytes");
    bytes.setAccessible(true);
    return bytes.invoke(run);
  }

  /**
   * Random batches over a scenario, aware of which contacts the model holds. Also drives {@link
   * LiveSegmentsMatchReferenceTest}.
   */
  static final class Generator {
    private final Scenario s;
    private final SplittableRandom rnd;
    private final ReferenceModel model;
    private final Map<String, Integer> stats;
    private final List<String> pool = new ArrayList<>();
    private final List<String> ordered = new ArrayList<>();
    private final List<String> others = new ArrayList<>();
    private final List<String> orderedDealFields = new ArrayList<>();
    private List<String> focus;
    /** In multi-op batches: a few deal and account ids most deal and account mutations use. */
    private List<String> dealFocus;
    private List<String> accountFocus;
    /** The accounts that exist at this point of the batch being made. */
    private Set<String> accounts = new HashSet<>();
    /** Accounts removed at some point, to see them added again. */
    private final Set<String> removedAccounts = new HashSet<>();
    private int nextDeal;

    Generator(Scenario s, SplittableRandom rnd, ReferenceModel model, Map<String, Integer> stats) {
      this.s = s;
      this.rnd = rnd;
      this.model = model;
      this.stats = stats;
      int n = 220 + rnd.nextInt(120);
      for (int i = 0; i < n; i++) {
        pool.add("p" + i);
      }
      s.schema.contactFields().forEach((name, type) -> {
        (ORDERED.contains(type) ? ordered : others).add(name);
      });
      s.schema.dealFields().forEach((name, type) -> {
        if (ORDERED.contains(type)) {
          orderedDealFields.add(name);
        }
      });
    }

    private void count(String what) {
      stats.merge(what, 1, Integer::sum);
    }

    String poolId() {
      return s.pick(pool);
    }

    /** A pool id for an upsert or remove; in multi-op batches mostly one of a few, so they meet. */
    private String someId() {
      return focus != null && rnd.nextInt(10) < 7 ? s.pick(focus) : s.pick(pool);
    }

    /** Accounts first; then contacts (most linked to one), their events and 0 to 3 deals. */
    List<Mutation> initialLoad() {
      List<Mutation> out = new ArrayList<>();
      List<String> made = new ArrayList<>();
      for (int i = 2 + rnd.nextInt(5); i > 0; i--) {
        String id = s.pick(Scenario.ACCOUNT_IDS);
        out.add(s.account(id));
        if (!made.contains(id)) {
          made.add(id);
        }
      }
      int n = 100 + rnd.nextInt(120);
      for (int i = 0; i < n; i++) {
        String id = s.pick(pool);
        out.add(new Mutation.Upsert(s.contact(id, made)));
        int events = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(rnd.nextInt(4) == 0 ? 15 : 4);
        for (int e = 0; e < events; e++) {
          out.add(s.event(id));
        }
        for (int d = rnd.nextInt(4); d > 0; d--) {
          out.add(s.deal("deal" + nextDeal++, id));
        }
      }
      return out;
    }

    /**
     * A cutoff for dropEventsBefore: on an event edge, now and then below a microsecond, rarely
     * beyond every event time (drops all) or before every one (drops none).
     */
    Instant cutoff() {
      if (rnd.nextInt(20) == 0) {
        count("dropEventsBefore extreme");
        return s.pick(List.of(Instant.MAX, Instant.MIN, Instant.parse("+1000000-01-01T00:00:00Z"),
            Instant.parse("-1000000-01-01T00:00:00Z")));
      }
      Instant c = s.eventTime();
      if (c.getNano() % 1000 != 0) {
        count("dropEventsBefore sub-microsecond");
      }
      return c;
    }

    private boolean hasEvents(String id) {
      RefContact c = model.get(id);
      return c != null && !c.events().isEmpty();
    }

    /** An event of a contact that exists at this point of the batch. */
    private Mutation record(Set<String> live) {
      List<String> candidates = new ArrayList<>();
      if (focus != null) {
        for (String id : focus) {
          if (live.contains(id)) {
            candidates.add(id);
          }
        }
      }
      String id = !candidates.isEmpty() && rnd.nextInt(10) < 7 ? s.pick(candidates)
          : existing(live);
      count(focus != null ? "record multi" : "record");
      if (model.get(id) == null) {
        count("record for contact added in batch");
      }
      return s.event(id);
    }

    /**
     * Events around a remove in one batch: recorded before it (they must go), and after the
     * contact is added again (they stay, the older ones do not come back).
     */
    private void removeAndReAdd(Set<String> live, List<Mutation> out) {
      String id = existing(live);
      for (String c : live) {
        if (hasEvents(c) && rnd.nextBoolean()) {
          id = c;
          break;
        }
      }
      if (rnd.nextBoolean()) {
        count("record then remove same batch");
        for (int i = rnd.nextInt(3); i >= 0; i--) {
          out.add(s.event(id));
        }
      }
      if (hasEvents(id)) {
        count("remove with events");
      }
      boolean deals = hasDeals(id);
      if (deals) {
        count("remove with deals");
      }
      if (rnd.nextBoolean()) {
        out.add(s.deal(someDeal(), id)); // a deal given to it in this batch goes too
      }
      out.add(new Mutation.Remove(id));
      live.remove(id);
      if (rnd.nextInt(4) != 0) {
        count("remove re-add same batch");
        if (deals) {
          count("remove re-add same batch with deals");
        }
        out.add(new Mutation.Upsert(s.contact(id, sorted(accounts))));
        live.add(id);
        for (int i = rnd.nextInt(3); i > 0; i--) {
          out.add(s.event(id));
        }
        if (rnd.nextBoolean()) {
          count("deal of re-added contact");
          out.add(s.deal(someDeal(), id));
        }
      }
    }

    private boolean hasDeals(String id) {
      for (String d : model.dealIds()) {
        if (model.deal(d).owner().equals(id)) {
          return true;
        }
      }
      return false;
    }

    /** A deal id: in multi-op batches mostly one of a few; else a known deal or a new one. */
    private String someDeal() {
      if (dealFocus != null && rnd.nextInt(10) < 6) {
        return s.pick(dealFocus);
      }
      List<String> known = model.dealIds();
      return !known.isEmpty() && rnd.nextBoolean() ? s.pick(known) : "deal" + nextDeal++;
    }

    /** An account id: in multi-op batches mostly one of a few; else any of the small pool. */
    private String someAccount() {
      return accountFocus != null && rnd.nextInt(10) < 6 ? s.pick(accountFocus)
          : s.pick(Scenario.ACCOUNT_IDS);
    }

    /**
     * A deal or account mutation, or an upsert that links or unlinks a contact, valid at this
     * point of the batch.
     */
    private Mutation related(Set<String> live) {
      int k = rnd.nextInt(100);
      if (k < 30) {
        String id = someDeal();
        RefDeal known = model.deal(id);
        String owner;
        if (known != null && live.contains(known.owner()) && rnd.nextInt(3) == 0) {
          owner = known.owner();
        } else {
          // in multi-op batches mostly one of the focus ids, some added in this batch
          List<String> candidates = new ArrayList<>();
          if (focus != null) {
            focus.stream().filter(live::contains).forEach(candidates::add);
          }
          owner = !candidates.isEmpty() && rnd.nextInt(10) < 7 ? s.pick(candidates)
              : existing(live);
        }
        count(known == null ? "upsertDeal new" : known.owner().equals(owner)
            ? "upsertDeal fields" : "upsertDeal move");
        if (model.get(owner) == null) {
          count("upsertDeal for contact added in batch");
        }
        return s.deal(id, owner);
      }
      if (k < 42) {
        String id = rnd.nextInt(5) == 0 ? "no-such-deal" : someDeal();
        count(model.deal(id) != null ? "removeDeal" : "removeDeal absent");
        return new Mutation.RemoveDeal(id);
      }
      if (k < 57) {
        String id = someAccount();
        count(accounts.contains(id) ? "upsertAccount existing"
            : removedAccounts.contains(id) ? "upsertAccount re-add removed" : "upsertAccount new");
        accounts.add(id);
        return s.account(id);
      }
      if (k < 65) {
        String id = someAccount();
        if (accounts.remove(id)) {
          removedAccounts.add(id);
          count(linked(id) ? "removeAccount linked" : "removeAccount");
        } else {
          count("removeAccount absent");
        }
        return new Mutation.RemoveAccount(id);
      }
      String id = existing(live);
      if (k < 88) {
        if (accounts.isEmpty() || rnd.nextInt(5) == 0) {
          count("setAccount null");
          return new Mutation.SetAccount(id, null);
        }
        count("setAccount");
        List<String> candidates = new ArrayList<>();
        if (accountFocus != null) {
          accountFocus.stream().filter(accounts::contains).forEach(candidates::add);
          linkedInBatch.addAll(candidates);
        }
        String account = s.pick(candidates.isEmpty() ? sorted(accounts) : candidates);
        return new Mutation.SetAccount(id, account);
      }
      RefContact before = model.get(id);
      Contact c = s.contact(id, sorted(accounts));
      if (hasDeals(id)) {
        count("upsert keeps deals");
      }
      count(c.account() != null ? "upsert with account"
          : before != null && before.account() != null ? "upsert clears account"
          : "upsert existing");
      return new Mutation.Upsert(c);
    }

    /** Accounts linked by setAccount in the multi-op batch being made. */
    private final Set<String> linkedInBatch = new HashSet<>();

    private boolean linked(String account) {
      if (linkedInBatch.contains(account)) {
        count("link then removeAccount same batch");
      }
      for (String id : model.ids()) {
        if (account.equals(model.get(id).account())) {
          return true;
        }
      }
      return false;
    }

    private static List<String> sorted(Set<String> ids) {
      List<String> out = new ArrayList<>(ids);
      out.sort(null);
      return out;
    }

    /**
     * One ordered deal field rewritten for most deals (the others kept as they are): what drives
     * the deal table's range columns past their compaction threshold.
     */
    private void dealBulk(Set<String> live, List<Mutation> out) {
      String field = s.pick(orderedDealFields);
      List<String> ids = model.dealIds();
      int n = ids.size() / 2 + rnd.nextInt(ids.size() / 2 + 1);
      for (int i = 0; i < n; i++) {
        RefDeal d = model.deal(ids.remove(rnd.nextInt(ids.size())));
        if (rnd.nextInt(10) == 0) {
          out.add(op(live));
        }
        if (live.contains(d.owner())) {
          Map<String, Object> fields = new HashMap<>(d.fields());
          if (rnd.nextInt(20) == 0) {
            fields.remove(field);
          } else {
            fields.put(field, s.dealValue(field));
          }
          out.add(new Mutation.UpsertDeal(d.id(), d.owner(), fields));
        }
      }
    }

    /** Many events on a few contacts (so that counts reach the bounds), some on new contacts. */
    private void events(Set<String> live, List<Mutation> out) {
      List<String> hot = new ArrayList<>();
      for (int i = 1 + rnd.nextInt(6); i > 0; i--) {
        if (rnd.nextInt(5) == 0) {
          String id = "n" + pool.size();
          pool.add(id);
          out.add(new Mutation.Upsert(s.contact(id)));
          live.add(id);
          hot.add(id);
          count("record for contact added in batch");
        } else {
          hot.add(existing(live));
        }
      }
      int n = 5 + rnd.nextInt(36);
      for (int i = 0; i < n; i++) {
        String id = rnd.nextInt(5) == 0 ? existing(live) : s.pick(hot);
        if (live.contains(id)) {
          out.add(s.event(id));
        }
      }
    }

    List<Mutation> batch() {
      Set<String> live = new HashSet<>(model.ids());
      accounts = new HashSet<>(model.accountIds());
      linkedInBatch.clear();
      List<Mutation> out = new ArrayList<>();
      int k = rnd.nextInt(100);
      if (k < 52) {
        out.add(op(live));
      } else if (k < 70) {
        count("batch multi");
        focus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          // two ids seen before, two never seen (they join the pool)
          focus.add(i < 2 ? s.pick(pool) : "n" + pool.size());
          if (i >= 2) {
            pool.add(focus.get(i));
          }
        }
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          deals.add(someDeal());
        }
        dealFocus = deals;
        accountFocus = List.of(s.pick(Scenario.ACCOUNT_IDS), s.pick(Scenario.ACCOUNT_IDS));
        int n = 2 + rnd.nextInt(14);
        int special = rnd.nextInt(3) == 0 ? rnd.nextInt(n) : -1;
        for (int i = 0; i < n; i++) {
          if (i == special) {
            removeAndReAdd(live, out);
          } else {
            out.add(op(live));
          }
        }
        focus = null;
        dealFocus = null;
        accountFocus = null;
      } else if (k < 77) {
        count("batch events");
        events(live, out);
      } else if (k < 86) {
        count("batch bulk");
        bulk(live, out);
      } else if (k < 90) {
        count("batch deal bulk");
        dealBulk(live, out);
      } else if (k < 97) {
        count("batch refused");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
          out.add(op(live));
        }
        out.add(bad(live, out));
        n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.add(op(live));
        }
      } else {
        count("batch aborted");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
          out.add(op(live));
        }
        out.add(new Mutation.Abort());
        out.add(op(live));
      }
      return out;
    }

    /**
     * One ordered field written for most live contacts, among a few other mutations: what drives
     * range columns past their compaction threshold (more than max(64, live/8) rows written).
     */
    private void bulk(Set<String> live, List<Mutation> out) {
      String field = s.pick(ordered);
      List<String> ids = new ArrayList<>(live);
      int n = ids.size() / 2 + rnd.nextInt(ids.size() / 2 + 1);
      for (int i = 0; i < n; i++) {
        String id = ids.remove(rnd.nextInt(ids.size()));
        if (rnd.nextInt(10) == 0) {
          out.add(op(live));
        }
        if (live.contains(id)) {
          out.add(new Mutation.SetField(id, field, rnd.nextInt(20) == 0 ? null : s.value(field)));
        }
      }
    }

    private String existing(Set<String> live) {
      if (live.isEmpty()) {
        return s.pick(pool);
      }
      List<String> ids = new ArrayList<>(live);
      return ids.get(rnd.nextInt(ids.size()));
    }

    private Mutation op(Set<String> live) {
      if (live.isEmpty()) {
        String id = s.pick(pool);
        live.add(id);
        count("upsert new");
        return new Mutation.Upsert(s.contact(id));
      }
      if (rnd.nextInt(100) < 20) {
        return record(live);
      }
      if (rnd.nextInt(100) < (dealFocus != null ? 40 : 22)) {
        return related(live);
      }
      int k = rnd.nextInt(100);
      if (k < 32) {
        count("setField");
        String field = s.pick(ordered);
        if (rnd.nextInt(12) == 0) {
          count("setField null");
          return new Mutation.SetField(existing(live), field, null);
        }
        return new Mutation.SetField(existing(live), field, s.value(field));
      }
      if (k < 40) {
        count("setField");
        String field = s.pick(others);
        return new Mutation.SetField(existing(live), field, s.value(field));
      }
      if (k < 48) {
        count("upsert existing");
        String id = existing(live);
        if (hasEvents(id)) {
          count("upsert keeps events");
        }
        return new Mutation.Upsert(s.contact(id, sorted(accounts)));
      }
      if (k < 56) {
        String id = someId();
        count(live.add(id) ? "upsert new" : "upsert existing");
        return new Mutation.Upsert(s.contact(id, sorted(accounts)));
      }
      if (k < 61) {
        count("remove");
        String id = existing(live);
        if (hasEvents(id)) {
          count("remove with events");
        }
        if (hasDeals(id)) {
          count("remove with deals");
        }
        live.remove(id);
        return new Mutation.Remove(id);
      }
      if (k < 64) {
        String id = someId();
        count(live.remove(id) ? "remove" : "remove absent");
        return new Mutation.Remove(id);
      }
      if (k < 70) {
        count("addTag");
        return new Mutation.AddTag(existing(live), s.tagName());
      }
      if (k < 76) {
        count("removeTag");
        String id = existing(live);
        RefContact c = model.get(id);
        String tag = c != null && !c.tags().isEmpty() && rnd.nextBoolean()
            ? c.tags().iterator().next() : s.tagName();
        return new Mutation.RemoveTag(id, tag);
      }
      if (k < 82) {
        count("clearField");
        String field = rnd.nextBoolean() ? s.pick(ordered) : s.pick(others);
        return new Mutation.ClearField(existing(live), field);
      }
      if (k < 91) {
        count("setListStatus");
        return new Mutation.SetListStatus(existing(live), s.listName(), s.status());
      }
      count("leaveList");
      String id = existing(live);
      RefContact c = model.get(id);
      String list = c != null && !c.lists().isEmpty() && rnd.nextBoolean()
          ? c.lists().keySet().iterator().next() : s.listName();
      return new Mutation.LeaveList(id, list);
    }

    /** A mutation with bad input (the whole batch must be refused), after any it needs. */
    private Mutation bad(Set<String> live, List<Mutation> out) {
      String id = existing(live);
      // contact mutations, events, and deals, accounts and links
      int family = rnd.nextInt(100);
      if (family >= 60) {
        return badRelated(rnd.nextInt(13), id, live, out);
      }
      int kind = family < 45 ? rnd.nextInt(14) : 14 + rnd.nextInt(3);
      if (kind >= 14) {
        count("batch refused by event");
        if (kind == 16) {
          // a contact removed earlier in the same batch takes no events
          out.add(new Mutation.Remove(id));
          live.remove(id);
          return s.event(id);
        }
        return s.badEvent(live.contains(id) ? id : "nobody-x");
      }
      switch (kind) {
        case 0:
          return new Mutation.SetField(id, "no_such_field", "x");
        case 1:
          return new Mutation.SetField(id, s.fieldOf(FieldType.NUMBER), "12");
        case 2:
          return new Mutation.SetField(id, s.fieldOf(FieldType.NUMBER),
              rnd.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY);
        case 3:
          return new Mutation.SetField(id, s.fieldOf(FieldType.DATE), Instant.EPOCH);
        case 4:
          return new Mutation.SetField(id, s.fieldOf(FieldType.DATETIME),
              LocalDateTime.of(2026, 1, 1, 0, 0));
        case 5:
          return new Mutation.SetField(id, s.fieldOf(FieldType.GEO), "0,0");
        case 6:
          return new Mutation.SetField(id, s.fieldOf(FieldType.BOOLEAN), "true");
        case 7:
          return new Mutation.AddTag("nobody-" + rnd.nextInt(10), "t");
        case 8:
          return new Mutation.AddTag(id, "");
        case 9:
          return rnd.nextBoolean() ? new Mutation.SetListStatus(id, "", ListStatus.SUBSCRIBED)
              : new Mutation.SetListStatus(id, s.listName(), null);
        case 10:
          return new Mutation.Upsert(Contact.builder(s.pick(pool))
              .field(s.fieldOf(FieldType.STRING), 42).build());
        case 11:
          return new Mutation.Upsert(Contact.builder(s.pick(pool))
              .field(s.fieldOf(FieldType.GEO), new GeoPoint(1, 1))
              .field("no_such_field", LocalDate.EPOCH).build());
        case 12:
          return rnd.nextBoolean() ? new Mutation.Remove("")
              : new Mutation.ClearField(id, "no_such_field");
        default:
          // a contact removed earlier in the same batch is gone
          out.add(new Mutation.Remove(id));
          live.remove(id);
          return new Mutation.SetField(id, s.pick(ordered), null);
      }
    }

    /** A bad deal, account or link (the whole batch must be refused), after any it needs. */
    private Mutation badRelated(int kind, String id, Set<String> live, List<Mutation> out) {
      switch (kind) {
        case 0:
        case 1:
        case 2:
        case 3:
          count("batch refused by deal");
          return s.badDeal(someDeal(), live.contains(id) ? id : "nobody-x");
        case 4:
          // a contact removed earlier in the same batch takes no deals
          count("batch refused by deal of removed contact");
          out.add(new Mutation.Remove(id));
          live.remove(id);
          return s.deal(someDeal(), id);
        case 5:
        case 6:
        case 7:
        case 8:
          count("batch refused by account");
          return s.badAccount(someAccount());
        case 9:
        case 10: {
          count("batch refused by link");
          String absent = "ghost";
          for (String a : Scenario.ACCOUNT_IDS) {
            if (!accounts.contains(a) && rnd.nextBoolean()) {
              absent = a;
              break;
            }
          }
          if (live.contains(id)) {
            return s.badLink(id, absent);
          }
          return new Mutation.SetAccount(id, absent); // no such contact either
        }
        case 11: {
          // an account removed earlier in the same batch takes no links
          if (accounts.isEmpty() || !live.contains(id)) {
            count("batch refused by setAccount of nobody");
            return new Mutation.SetAccount("nobody-" + rnd.nextInt(10), null);
          }
          count("batch refused by link to removed account");
          String account = s.pick(sorted(accounts));
          out.add(new Mutation.RemoveAccount(account));
          accounts.remove(account);
          if (rnd.nextBoolean()) {
            return new Mutation.SetAccount(id, account);
          }
          Contact c = s.contact(id);
          return new Mutation.Upsert(new Contact(c.id(), c.tags(), c.lists(), c.fields(), account));
        }
        default:
          count("batch refused by setAccount of nobody");
          return new Mutation.SetAccount("nobody-" + rnd.nextInt(10),
              accounts.isEmpty() ? null : s.pick(sorted(accounts)));
      }
    }
  }
}
