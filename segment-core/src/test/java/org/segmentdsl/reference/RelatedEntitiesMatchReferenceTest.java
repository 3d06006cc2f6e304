package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.SegmentReference;

/**
 * Property test for sections 3.6 and 3.7: on random worlds with deals (0 to 3 per contact, values
 * drawn from the same edge-heavy pools as contact fields, so that "same deal" matters) and
 * accounts (some contacts without one), random registries of saved segments (each referring only
 * to segments defined before it) and random trees mixing contact leaves with {@code deal(...)},
 * {@code account(...)} and {@code inSegment(...)}, the bitmap evaluator selects exactly what the
 * plain reference evaluator does. Registries with an injected cycle must fail naming the cycle.
 * Try {@code i} uses the seed {@code base + i}; 1,000 tries by default (see {@link Seeds}).
 */
class RelatedEntitiesMatchReferenceTest {
  static final int DEFAULT_TRIES = 1000;

  @Test
  void dealsAccountsAndReferencesMatchTheReference() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    int[] seen = new int[4]; // deal, account, reference conditions, cycles
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        runTry(seed, seen);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", try " + t + "): " + e
            + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (tries >= 100) {
      for (int k = 0; k < seen.length; k++) {
        assertTrue(seen[k] > 0, "kind " + k + " never generated");
      }
    }
  }

  /** A random world: the same field names and types serve contacts, deals and accounts. */
  private void runTry(long seed, int[] seen) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario sc = new Scenario(rnd, new Coverage());
    Schema schema = sharedSchema(sc);
    ContactIndex index = ContactIndex.create(schema);
    ReferenceModel model = new ReferenceModel(sc.schema); // normalises values as the spec compares
    ReferenceModel.Batch refs = model.begin();

    List<Account> accounts = new ArrayList<>();
    int na = rnd.nextInt(5);
    for (int i = 0; i < na; i++) {
      Contact fields = sc.contact("acct-" + i);
      accounts.add(new Account("acct-" + i, fields.fields()));
      refs.upsert(fields);
    }
    List<Contact> contacts = new ArrayList<>();
    List<Deal> deals = new ArrayList<>();
    Map<String, List<String>> dealIds = new HashMap<>();
    Map<String, String> accountOf = new HashMap<>();
    int nc = 3 + rnd.nextInt(25);
    for (int i = 0; i < nc; i++) {
      Contact c = sc.contact("c-" + i);
      String account = na > 0 && sc.chance(70) ? "acct-" + rnd.nextInt(na) : null;
      contacts.add(new Contact(c.id(), c.tags(), c.lists(), c.fields(), account));
      if (account != null) {
        accountOf.put(c.id(), account);
      }
      int nd = rnd.nextInt(4);
      for (int k = 0; k < nd; k++) {
        Contact fields = sc.contact("d-" + i + "-" + k);
        deals.add(new Deal(fields.id(), c.id(), fields.fields()));
        refs.upsert(fields);
        dealIds.computeIfAbsent(c.id(), x -> new ArrayList<>()).add(fields.id());
      }
    }
    // load in two batches, deals second, so that both paths of the writer see them
    index.update(b -> {
      accounts.forEach(b::upsertAccount);
      contacts.forEach(b::upsert);
    });
    index.update(b -> deals.forEach(b::upsertDeal));
    ReferenceModel people = new ReferenceModel(sc.schema);
    ReferenceModel.Batch pb = people.begin();
    contacts.forEach(pb::upsert);
    pb.commit();
    refs.commit();

    ReferenceEvaluator.Related related = new ReferenceEvaluator.Related() {
      @Override
      public List<RefContact> dealsOf(String contactId) {
        List<RefContact> out = new ArrayList<>();
        dealIds.getOrDefault(contactId, List.of()).forEach(id -> out.add(model.get(id)));
        return out;
      }

      @Override
      public RefContact accountOf(String contactId) {
        String a = accountOf.get(contactId);
        return a == null ? null : model.get(a);
      }
    };

    // saved segments, each referring only to earlier ones
    List<Segment> saved = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int ns = rnd.nextInt(5);
    for (int k = 0; k < ns; k++) {
      saved.add(Segment.builder().id("seg-" + k).where(tree(rnd, sc, 0, ids, seen)).build());
      ids.add("seg-" + k);
    }
    SegmentRegistry registry = SegmentRegistry.of(saved);
    for (int q = 0; q < 6; q++) {
      Condition cond = tree(rnd, sc, 0, ids, seen);
      EvaluationContext ctx = sc.context().withSegments(registry);
      List<String> expected;
      try {
        expected = ReferenceEvaluator.evaluate(people.contactsInOrder(), schema, cond, ctx,
            related);
      } catch (ReferenceEvaluator.InvalidRange e) {
        assertThrows(InvalidSegmentException.class, () -> index.evaluate(cond, ctx),
            () -> "the reference refuses " + cond + " (" + e.getMessage() + ")");
        continue;
      }
      List<String> actual = index.evaluate(cond, ctx).ids();
      assertEquals(expected, actual, () -> "condition " + cond + " in " + ctx.zone() + " at "
          + ctx.now() + "\nregistry " + saved);
    }

    // a cycle: the last saved segment (or a new one) comes back to the first of the chain
    if (sc.chance(40)) {
      seen[3]++;
      int len = 1 + rnd.nextInt(3);
      List<Segment> loop = new ArrayList<>();
      for (int k = 0; k < len; k++) {
        String next = "loop-" + ((k + 1) % len);
        loop.add(Segment.builder().id("loop-" + k)
            .where(new All(List.of(tree(rnd, sc, 2, List.of(), seen), new SegmentReference(next))))
            .build());
      }
      SegmentRegistry cyclic = registry;
      for (Segment s : loop) {
        cyclic = cyclic.with(s);
      }
      EvaluationContext ctx = sc.context().withSegments(cyclic);
      InvalidSegmentException e = assertThrows(InvalidSegmentException.class,
          () -> index.evaluate(new SegmentReference("loop-0"), ctx));
      StringBuilder cycle = new StringBuilder("segment reference cycle: ");
      for (int k = 0; k < len; k++) {
        cycle.append("loop-").append(k).append(" -> ");
      }
      cycle.append("loop-0");
      assertTrue(e.getMessage().contains(cycle), () -> "expected " + cycle + " in "
          + e.getMessage());
    }
  }

  /** The scenario's contact fields, as contact, deal and account fields alike. */
  static Schema sharedSchema(Scenario sc) {
    Schema.Builder sb = Schema.builder();
    sc.schema.contactFields().forEach((name, type) -> {
      sb.contactField(name, type);
      sb.dealField(name, type);
      sb.accountField(name, type);
    });
    return sb.build();
  }

  /** A random tree of contact leaves, deal and account conditions, and references. */
  static Condition tree(SplittableRandom rnd, Scenario sc, int depth, List<String> ids,
      int[] seen) {
    int k = depth >= 3 ? 3 + rnd.nextInt(7) : rnd.nextInt(10);
    switch (k) {
      case 0, 1 -> {
        List<Condition> children = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          children.add(tree(rnd, sc, depth + 1, ids, seen));
        }
        return k == 0 ? new All(children) : new Any(children);
      }
      case 2 -> {
        return new Not(tree(rnd, sc, depth + 1, ids, seen));
      }
      case 3, 4 -> {
        seen[0]++;
        return new DealCondition(related(rnd, sc, 0));
      }
      case 5 -> {
        seen[1]++;
        return new AccountCondition(related(rnd, sc, 0));
      }
      case 6 -> {
        if (!ids.isEmpty()) {
          seen[2]++;
          return new SegmentReference(ids.get(rnd.nextInt(ids.size())));
        }
        return sc.leaf();
      }
      default -> {
        return sc.leaf();
      }
    }
  }

  /** What a deal or account condition holds: all, any, not and field conditions. */
  static Condition related(SplittableRandom rnd, Scenario sc, int depth) {
    int k = depth >= 3 ? 3 : rnd.nextInt(5);
    if (k == 0 || k == 1) {
      List<Condition> children = new ArrayList<>();
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        children.add(related(rnd, sc, depth + 1));
      }
      return k == 0 ? new All(children) : new Any(children);
    }
    if (k == 2) {
      return new Not(related(rnd, sc, depth + 1));
    }
    return sc.fieldLeaf();
  }
}
