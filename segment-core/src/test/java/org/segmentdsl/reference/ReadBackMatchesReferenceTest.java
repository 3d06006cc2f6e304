package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.condition.Condition;

/**
 * Reading back (issue 17): after every step of random histories ({@link RandomHistory}: every
 * kind of mutation, refused batches, contacts removed and added again, dropped events, compacts),
 * the snapshot gives every contact, deal, account and event exactly as the {@link ReferenceModel}
 * holds them, in the documented order and with the documented types; row bitmaps of results map
 * back to the results' ids. Snapshots taken earlier still read back their own state after later
 * batches changed the rows (the row store's pages are copied on write). Upserting everything read
 * back changes nothing: the same read-back, the same members for random conditions.
 *
 * <p>{@value #DEFAULT_SEQUENCES} histories of {@value #STEPS} steps by default; {@code
 * -Dsegment.tries=N} and {@code -Dsegment.seed=S} as for the other property tests ({@link
 * Seeds}).
 */
class ReadBackMatchesReferenceTest {
  static final int DEFAULT_SEQUENCES = 12;
  static final int STEPS = 60;
  static final int FROZEN_EVERY = 10;
  static final int CONDITIONS_PER_STEP = 2;

  @Test
  void aSnapshotReadsBackWhatTheReferenceHolds() {
    long base = Seeds.baseSeed();
    int sequences = Seeds.tries(DEFAULT_SEQUENCES);
    for (int q = 0; q < sequences; q++) {
      long seed = base + q;
      try {
        run(seed);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", sequence " + q
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
  }

  /** A snapshot and what it read back when it was the latest. */
  private record Frozen(IndexSnapshot snapshot, List<String> readBack, SegmentResult result) {}

  private void run(long seed) {
    RandomHistory h = new RandomHistory(seed);
    Supplier<String> where = () -> h.where() + "\n" + Seeds.replay(getClass().getSimpleName(),
        seed);
    List<Frozen> frozen = new ArrayList<>();
    for (int step = 0; step <= STEPS; step++) {
      if (step > 0) {
        h.step();
      }
      IndexSnapshot snapshot = h.index().snapshot();
      List<String> expected = expected(h.model, h.schema());
      List<String> actual = readBack(snapshot);
      assertEquals(expected, actual, where);
      checkOrders(snapshot, where);
      checkUnknown(snapshot, where);
      SegmentResult result = null;
      for (int k = 0; k < CONDITIONS_PER_STEP; k++) {
        SegmentResult r = evaluate(snapshot, h.condition(), h.context());
        if (r != null) {
          result = r;
          checkRows(snapshot, r, where);
        }
      }
      if (step % FROZEN_EVERY == 0) {
        frozen.add(new Frozen(snapshot, actual, result));
      }
    }
    IndexSnapshot latest = h.index().snapshot();
    for (Frozen f : frozen) {
      assertEquals(f.readBack(), readBack(f.snapshot()),
          () -> where.get() + "\na snapshot of version " + f.snapshot().version()
              + " reads back another state after later batches");
      if (f.result() != null) {
        // rows of an earlier result: those of contacts removed since are left out
        List<String> stillThere = new ArrayList<>(f.result().ids());
        stillThere.removeIf(id -> !latest.containsContact(id));
        assertEquals(stillThere, latest.ids(f.result().bitmap()), where);
      }
    }
    upsertingWhatIsReadBackChangesNothing(h, where);
  }

  /**
   * Every contact, deal and account read back, upserted again in one batch: the index reads back
   * the same and answers random conditions as the reference still does.
   */
  private static void upsertingWhatIsReadBackChangesNothing(RandomHistory h,
      Supplier<String> where) {
    IndexSnapshot before = h.index().snapshot();
    h.index().update(b -> {
      before.accountIds().forEach(id -> b.upsertAccount(before.account(id).orElseThrow()));
      before.contactIds().forEach(id -> b.upsert(before.contact(id).orElseThrow()));
      before.dealIds().forEach(id -> b.upsertDeal(before.deal(id).orElseThrow()));
    });
    IndexSnapshot after = h.index().snapshot();
    assertEquals(readBack(before), readBack(after), () -> where.get() + "\nafter upserting "
        + "everything read back");
    assertEquals(before.dealIds(), after.dealIds(), where);
    assertEquals(before.accountIds(), after.accountIds(), where);
    ReferenceModel.State state = h.model.state();
    for (int k = 0; k < 10; k++) {
      Condition c = h.condition();
      EvaluationContext ctx = h.context();
      Checks.sameMembers(after, state, h.schema(), c, ctx,
          () -> where.get() + "\nafter upserting everything read back");
    }
  }

  private static SegmentResult evaluate(IndexSnapshot snapshot, Condition c,
      EvaluationContext ctx) {
    try {
      return snapshot.evaluate(c, ctx);
    } catch (InvalidSegmentException e) {
      return null; // refused in this context, as the other property tests check
    }
  }

  /** A result's bitmap maps back to its ids, in bulk and row by row. */
  private static void checkRows(IndexSnapshot snapshot, SegmentResult r, Supplier<String> where) {
    ImmutableRoaringBitmap rows = r.bitmap();
    assertEquals(r.ids(), snapshot.ids(rows), where);
    List<String> one = new ArrayList<>();
    rows.forEach((int row) -> one.add(snapshot.id(row).orElseThrow()));
    assertEquals(r.ids(), one, where);
  }

  /**
   * Deals come in the order of {@link IndexSnapshot#dealIds()} (first added first), for a
   * contact as for the index; ids of contacts come in index order, the order of results.
   */
  private static void checkOrders(IndexSnapshot snapshot, Supplier<String> where) {
    List<String> dealOrder = snapshot.dealIds();
    for (String id : snapshot.contactIds()) {
      List<String> deals = snapshot.dealsOf(id).stream().map(Deal::id).toList();
      List<String> inIndexOrder = new ArrayList<>(dealOrder);
      inIndexOrder.retainAll(deals);
      assertEquals(inIndexOrder, deals, () -> where.get() + "\ndeals of " + id);
    }
  }

  /** Ids and rows the snapshot does not hold read back as nothing. */
  private static void checkUnknown(IndexSnapshot snapshot, Supplier<String> where) {
    for (String id : List.of("nobody", "p-1", "")) {
      assertEquals(Optional.empty(), snapshot.contact(id), where);
      assertEquals(Optional.empty(), snapshot.deal(id), where);
      assertEquals(Optional.empty(), snapshot.account(id), where);
      assertEquals(List.of(), snapshot.events(id), where);
      assertEquals(List.of(), snapshot.dealsOf(id), where);
    }
    for (int row : new int[] {-1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertEquals(Optional.empty(), snapshot.id(row), where);
    }
    assertTrue(snapshot.ids(ImmutableRoaringBitmap.bitmapOf(Integer.MAX_VALUE - 1)).isEmpty(),
        where);
  }

  // ---------------------------------------------------------------- the two sides, as text

  /** What the model holds, as {@link #readBack} words it. */
  static List<String> expected(ReferenceModel model, Schema schema) {
    List<String> out = new ArrayList<>();
    out.add("contacts " + model.ids());
    ReferenceModel.State state = model.state();
    for (RefContact c : model.contactsInOrder()) {
      out.add(contact(c.id(), new TreeSet<>(c.tags()), new TreeMap<>(c.lists()),
          inOrder(schema.contactFields().keySet(), c.fields()), c.account()));
      List<RefContact.RefEvent> events = new ArrayList<>(c.events());
      events.sort(Comparator.comparing(RefContact.RefEvent::at)
          .thenComparing(RefContact.RefEvent::type));
      for (RefContact.RefEvent e : events) {
        Map<String, Object> props = new TreeMap<>();
        e.props().forEach((k, v) -> props.put(k, normal(v)));
        out.add(event(e.type(), e.at().toString(), props));
      }
      for (RefDeal d : state.dealsOf(c.id())) { // by id
        out.add(deal(d.id(), d.owner(), inOrder(schema.dealFields().keySet(), d.fields())));
      }
    }
    out.add("deals " + model.dealIds());
    for (String id : model.dealIds()) {
      RefDeal d = model.deal(id);
      out.add(deal(d.id(), d.owner(), inOrder(schema.dealFields().keySet(), d.fields())));
    }
    out.add("accounts " + model.accountIds());
    for (String id : model.accountIds()) {
      RefAccount a = model.account(id);
      out.add(account(a.id(), inOrder(schema.accountFields().keySet(), a.fields())));
    }
    return out;
  }

  /** What a snapshot reads back, with deals and accounts by id (their own order is checked apart). */
  static List<String> readBack(IndexSnapshot snapshot) {
    List<String> out = new ArrayList<>();
    out.add("contacts " + snapshot.contactIds());
    for (String id : snapshot.contactIds()) {
      Contact c = snapshot.contact(id).orElseThrow();
      out.add(contact(c.id(), c.tags(), c.lists(), c.fields(), c.account()));
      for (Event e : snapshot.events(id)) {
        assertEquals(id, e.contactId());
        out.add(event(e.type(), e.at().toString(), e.props()));
      }
      List<Deal> deals = new ArrayList<>(snapshot.dealsOf(id));
      deals.sort(Comparator.comparing(Deal::id));
      for (Deal d : deals) {
        out.add(deal(d.id(), d.contactId(), d.fields()));
      }
    }
    List<String> dealIds = new ArrayList<>(snapshot.dealIds());
    dealIds.sort(null);
    out.add("deals " + dealIds);
    for (String id : dealIds) {
      Deal d = snapshot.deal(id).orElseThrow();
      out.add(deal(d.id(), d.contactId(), d.fields()));
    }
    List<String> accountIds = new ArrayList<>(snapshot.accountIds());
    accountIds.sort(null);
    out.add("accounts " + accountIds);
    for (String id : accountIds) {
      Account a = snapshot.account(id).orElseThrow();
      out.add(account(a.id(), a.fields()));
    }
    return out;
  }

  /** The fields in schema order, numbers as the index keeps them. */
  private static Map<String, Object> inOrder(Iterable<String> names, Map<String, Object> fields) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String name : names) {
      if (fields.containsKey(name)) {
        out.put(name, normal(fields.get(name)));
      }
    }
    return out;
  }

  /** A value as the index keeps it: the model keeps {@code -0.0}, the index {@code 0.0}. */
  private static Object normal(Object v) {
    return v instanceof Double d && d == 0.0 ? (Object) 0.0 : v;
  }

  private static String contact(String id, Iterable<String> tags, Map<String, ?> lists,
      Map<String, Object> fields, String account) {
    List<String> t = new ArrayList<>();
    tags.forEach(t::add);
    return "contact " + id + " tags=" + t + " lists=" + lists + " fields=" + values(fields)
        + " account=" + account;
  }

  private static String event(String type, String at, Map<String, Object> props) {
    return "  event " + type + "@" + at + " " + values(props);
  }

  private static String deal(String id, String owner, Map<String, Object> fields) {
    return "  deal " + id + " of " + owner + " " + values(fields);
  }

  private static String account(String id, Map<String, Object> fields) {
    return "account " + id + " " + values(fields);
  }

  /** Each value with its Java type, in the map's order. */
  private static String values(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    m.forEach((k, v) -> sb.append(k).append('=').append(v instanceof String s ? '"' + s + '"' : v)
        .append(" (").append(v.getClass().getSimpleName()).append(") "));
    return sb.append('}').toString();
  }
}
