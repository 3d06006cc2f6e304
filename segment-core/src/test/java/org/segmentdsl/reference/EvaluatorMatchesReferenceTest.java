package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.Not;

/**
 * Property test: on random schemas, contacts, events and condition trees (depth >= 4, every
 * operator, event conditions among the leaves), the bitmap evaluator selects exactly the contacts,
 * in the same order, as the plain reference evaluator written from segment-format.md, in every
 * context of the try (several zones). Each try also checks a single event condition and trees made
 * mostly of event conditions. Events are recorded in the batch that adds their contact and in
 * later ones; now and then a batch is refused by one bad event and loaded again without it.
 *
 * <p>Deals, accounts and references (segment-format.md 3.6, 3.7): every world has accounts (some
 * contacts linked to one, some to none, some accounts removed, which clears their links, and
 * some added again, which does not bring the links back), 0 to 3 deals per contact (some given to
 * contacts of earlier batches, some moved to another contact, some removed), and a registry of 0
 * to 5 saved segments, each referencing only earlier ones. Deal, account and reference leaves are
 * among the leaves of every tree, and each try also checks one such leaf alone and a tree made
 * mostly of them. A batch may also be refused by a bad deal, account or link. The run proves that
 * the generated data make "on the same deal" and "not over deals" decide some memberships.
 *
 * <p>Try {@code i} uses the seed {@code base + i}; {@value #DEFAULT_TRIES} tries by default.
 * Override with {@code -Dsegment.tries=N} and {@code -Dsegment.seed=S} (see {@link Seeds}).
 */
class EvaluatorMatchesReferenceTest {
  static final int DEFAULT_TRIES = 1000;
  static final int CONDITIONS_PER_TRY = 5;
  static final int EVENT_CONDITIONS_PER_TRY = 3;
  static final int RELATED_CONDITIONS_PER_TRY = 2;

  /** Account ids that no world ever has. */
  private static final List<String> ABSENT_ACCOUNTS = List.of("ghost", "ACME", "acme ", "bolt.eu");

  @Test
  void bitmapEvaluatorMatchesReferenceOnRandomWorlds() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    Coverage coverage = new Coverage();
    int refused = 0;
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        refused += runTry(base, seed, t, coverage);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", try " + t
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (tries >= 100) {
      coverage.assertComplete();
      assertTrue(refused > 0, "no context-dependent between error was generated");
      for (String kind : List.of("load event with its contact", "load event of earlier batch",
          "load batch refused by an event", "load contact with many events",
          "load deal with its contact", "load deal of earlier batch", "load deal moved",
          "load deal moved back", "load deal removed", "load deal removed absent",
          "load deal id of a contact", "load account removed", "load account removed absent",
          "load account added again", "load account fields replaced", "load contact with 3 deals",
          "load batch refused by a deal", "load batch refused by an account",
          "load batch refused by a link", "load contact with deals removed",
          "load contact removed and added again", "deal same deal decides",
          "deal not over deals decides",
          "account not without account decides")) {
        assertTrue(coverage.count(kind) > 0, () -> "never generated " + kind + ": " + coverage);
      }
    }
  }

  /** One try: a random world, its contacts and conditions. Returns how many were refused. */
  private int runTry(long base, long seed, int tryNo, Coverage coverage) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, coverage);
    ContactIndex index = ContactIndex.create(s.schema);
    ReferenceModel model = new ReferenceModel(s.schema);
    String replay = Seeds.replay(getClass().getSimpleName(), seed);

    // 50 to 300 contacts; now and then a tiny or empty index
    int n = rnd.nextInt(25) == 0 ? rnd.nextInt(6) : 50 + rnd.nextInt(251);
    Set<String> fresh = new LinkedHashSet<>();
    while (fresh.size() < n) {
      fresh.add("c" + rnd.nextInt(100_000));
    }
    List<String> newIds = new ArrayList<>(fresh);
    // one to three batches, so that some range columns are compacted and some are not; events
    // and deals follow their contact's upsert in the same batch, and go to contacts of earlier
    // batches; accounts come first in a batch, so that its contacts can link to them
    int batches = 1 + rnd.nextInt(3);
    int from = 0;
    Loader loader = new Loader(s, rnd, coverage);
    for (int b = 0; b < batches; b++) {
      int to = b == batches - 1 ? n : from + rnd.nextInt(n - from + 1);
      List<Mutation> batch = loader.batch(newIds.subList(from, to), b == 0);
      if (rnd.nextInt(6) == 0 && !(loader.added.isEmpty() && loader.loaded.isEmpty())) {
        // one bad mutation refuses the whole batch; then the batch comes again without it
        load(model, index, loader.spoil(batch), Mutation.Outcome.REFUSED, seed, tryNo, replay);
      }
      load(model, index, batch, Mutation.Outcome.COMMITTED, seed, tryNo, replay);
      loader.committed();
      from = to;
    }
    s.newRegistry(5);
    IndexSnapshot snapshot = index.snapshot();
    assertEquals(model.size(), snapshot.size(), () -> "seed " + seed + ": size\n" + replay);
    ReferenceModel.State state = model.state();

    int refused = 0;
    int events = CONDITIONS_PER_TRY + EVENT_CONDITIONS_PER_TRY;
    for (int k = 0; k < events + RELATED_CONDITIONS_PER_TRY; k++) {
      // deep mixed trees; then one single event condition and trees of mostly event conditions;
      // then one deal, account or reference leaf and a tree of mostly those
      Condition c = k < CONDITIONS_PER_TRY ? s.condition(4 + rnd.nextInt(3))
          : k == CONDITIONS_PER_TRY ? s.eventLeaf()
          : k < events ? s.eventCondition(1 + rnd.nextInt(4))
          : k == events ? s.relatedLeaf() : s.relatedCondition(1 + rnd.nextInt(3));
      int condNo = k;
      for (EvaluationContext plain : s.contexts) {
        EvaluationContext ctx = plain.withSegments(s.registry);
        if (Checks.sameMembers(snapshot, state, s.schema, c, ctx,
            () -> "seed " + seed + " (base " + base + ", try " + tryNo + ", condition " + condNo
                + ", " + state.contacts().size() + " contacts)\n" + replay + "\nschema: "
                + s.schema)) {
          refused++;
        }
      }
      if (k >= events) {
        noteWhatDecides(c, state, s, coverage);
      }
    }
    return refused;
  }

  /**
   * Notes when the data make the 3.7 rules decide a membership: a deal probe {@code deal(all(a,
   * b))} that some contact satisfies part by part on different deals only; {@code deal(not X)}
   * apart from {@code not deal(X)}; {@code account(not X)} apart from {@code not account(X)}.
   */
  private static void noteWhatDecides(Condition c, ReferenceModel.State state, Scenario s,
      Coverage coverage) {
    if (c instanceof All a) {
      a.conditions().forEach(x -> noteWhatDecides(x, state, s, coverage));
    } else if (c instanceof Any a) {
      a.conditions().forEach(x -> noteWhatDecides(x, state, s, coverage));
    } else if (c instanceof Not n) {
      noteWhatDecides(n.condition(), state, s, coverage);
    } else if (c instanceof DealCondition d && d.where() instanceof All all
        && all.conditions().size() > 1) {
      List<Condition> parts = new ArrayList<>();
      all.conditions().forEach(x -> parts.add(new DealCondition(x)));
      if (differ(state, s, d, new All(parts))) {
        coverage.note("deal same deal decides");
      }
    } else if (c instanceof DealCondition d && d.where() instanceof Not not) {
      if (differ(state, s, d, new Not(new DealCondition(not.condition())))) {
        coverage.note("deal not over deals decides");
      }
    } else if (c instanceof AccountCondition a && a.where() instanceof Not not) {
      if (differ(state, s, a, new Not(new AccountCondition(not.condition())))) {
        coverage.note("account not without account decides");
      }
    }
  }

  /** Whether the reference gives two conditions different members (in the first context). */
  private static boolean differ(ReferenceModel.State state, Scenario s, Condition x,
      Condition y) {
    EvaluationContext ctx = s.contexts.get(0);
    try {
      return !ReferenceEvaluator.evaluate(state, s.schema, x, ctx)
          .equals(ReferenceEvaluator.evaluate(state, s.schema, y, ctx));
    } catch (ReferenceEvaluator.InvalidRange e) {
      return false;
    }
  }

  /**
   * Makes the batches of one try: contacts with events and deals, accounts, and the deal and
   * account changes between them; keeps track of what exists at each point of a batch.
   */
  private static final class Loader {
    private final Scenario s;
    private final SplittableRandom rnd;
    private final Coverage coverage;
    /** Contacts of committed batches, and of the batch being made. */
    final List<String> loaded = new ArrayList<>();
    final List<String> added = new ArrayList<>();
    /** Deals and accounts that exist at the end of the batch being made; each deal's owner. */
    private final List<String> deals = new ArrayList<>();
    private final Map<String, String> owners = new HashMap<>();
    private final List<String> accounts = new ArrayList<>();
    private final Set<String> removedAccounts = new HashSet<>();
    private int nextDeal;

    Loader(Scenario s, SplittableRandom rnd, Coverage coverage) {
      this.s = s;
      this.rnd = rnd;
      this.coverage = coverage;
    }

    /** The batch adding {@code ids}; {@code first}: the first batch of the try. */
    List<Mutation> batch(List<String> ids, boolean first) {
      added.clear();
      List<Mutation> batch = new ArrayList<>();
      int newAccounts = first ? rnd.nextInt(6) : rnd.nextInt(3);
      for (int i = 0; i < newAccounts; i++) {
        String id = s.pick(Scenario.ACCOUNT_IDS);
        if (accounts.contains(id)) {
          coverage.note("load account fields replaced");
        } else {
          if (removedAccounts.contains(id)) {
            coverage.note("load account added again");
          }
          accounts.add(id);
        }
        batch.add(s.account(id));
      }
      for (String id : ids) {
        batch.add(new Mutation.Upsert(s.contact(id, accounts)));
        added.add(id);
        int k = eventsPerContact(rnd);
        if (k > 0) {
          coverage.note("load event with its contact");
        }
        if (k > 8) {
          coverage.note("load contact with many events");
        }
        for (int i = 0; i < k; i++) {
          batch.add(s.event(id));
        }
        int d = rnd.nextInt(100);
        d = d < 30 ? 0 : d < 60 ? 1 : d < 85 ? 2 : 3;
        if (d > 0) {
          coverage.note("load deal with its contact");
        }
        if (d == 3) {
          coverage.note("load contact with 3 deals");
        }
        for (int i = 0; i < d; i++) {
          batch.add(newDeal(id));
        }
      }
      if (!loaded.isEmpty()) {
        int k = rnd.nextInt(2 * loaded.size() + 1);
        for (int i = 0; i < k; i++) {
          batch.add(s.event(s.pick(loaded)));
          coverage.note("load event of earlier batch");
        }
        k = rnd.nextInt(loaded.size() / 4 + 1);
        for (int i = 0; i < k; i++) {
          batch.add(newDeal(s.pick(loaded)));
          coverage.note("load deal of earlier batch");
        }
      }
      changeDeals(batch);
      changeAccounts(batch);
      removeContacts(batch);
      return batch;
    }

    /**
     * Now and then removes a few contacts of earlier batches (their deals go too), and adds some
     * of them again in the same batch (without the old deals).
     */
    private void removeContacts(List<Mutation> batch) {
      if (loaded.size() < 4 || rnd.nextInt(4) != 0) {
        return;
      }
      for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
        String id = loaded.remove(rnd.nextInt(loaded.size()));
        batch.add(new Mutation.Remove(id));
        if (owners.containsValue(id)) {
          coverage.note("load contact with deals removed");
        }
        deals.removeIf(d -> id.equals(owners.get(d)));
        owners.values().removeIf(id::equals);
        if (rnd.nextBoolean()) {
          coverage.note("load contact removed and added again");
          batch.add(new Mutation.Upsert(s.contact(id, accounts)));
          added.add(id);
          if (rnd.nextBoolean()) {
            batch.add(newDeal(id));
          }
        }
      }
    }

    /** A new deal of {@code owner}: mostly a fresh id, now and then the id of a contact. */
    private Mutation newDeal(String owner) {
      String id = "d" + nextDeal++;
      if (rnd.nextInt(15) == 0) {
        id = rnd.nextBoolean() ? owner : s.pick(added.isEmpty() ? loaded : added);
        if (deals.contains(id)) {
          id = "d" + nextDeal++;
        } else {
          coverage.note("load deal id of a contact"); // deal and contact ids are apart
        }
      }
      deals.add(id);
      owners.put(id, owner);
      return s.deal(id, owner);
    }

    /** Moves some deals to another contact (new fields too), and removes some. */
    private void changeDeals(List<Mutation> batch) {
      List<String> live = new ArrayList<>(loaded);
      live.addAll(added);
      if (deals.isEmpty() || live.isEmpty()) {
        return;
      }
      for (int i = rnd.nextInt(deals.size() / 5 + 1); i > 0; i--) {
        String deal = s.pick(deals);
        String owner = s.pick(live);
        batch.add(s.deal(deal, owner));
        coverage.note("load deal moved");
        if (rnd.nextInt(4) == 0) {
          owner = s.pick(live);
          batch.add(s.deal(deal, owner));
          coverage.note("load deal moved back");
        }
        owners.put(deal, owner);
      }
      for (int i = rnd.nextInt(deals.size() / 10 + 1); i > 0; i--) {
        String deal = deals.remove(rnd.nextInt(deals.size()));
        owners.remove(deal);
        batch.add(new Mutation.RemoveDeal(deal));
        coverage.note("load deal removed");
      }
      if (rnd.nextInt(5) == 0) {
        batch.add(new Mutation.RemoveDeal("no-such-deal"));
        coverage.note("load deal removed absent");
      }
    }

    /** Now and then removes an account (its contacts lose the link), or one that is not there. */
    private void changeAccounts(List<Mutation> batch) {
      if (!accounts.isEmpty() && rnd.nextInt(3) == 0) {
        String id = accounts.remove(rnd.nextInt(accounts.size()));
        removedAccounts.add(id);
        batch.add(new Mutation.RemoveAccount(id));
        coverage.note("load account removed");
      }
      if (rnd.nextInt(6) == 0) {
        batch.add(new Mutation.RemoveAccount(s.pick(ABSENT_ACCOUNTS)));
        coverage.note("load account removed absent");
      }
    }

    /** The batch with one bad mutation put in, which must refuse the whole batch. */
    List<Mutation> spoil(List<Mutation> batch) {
      List<Mutation> refused = new ArrayList<>(batch);
      String id = s.pick(added.isEmpty() ? loaded : added);
      Mutation bad;
      switch (rnd.nextInt(4)) {
        case 0:
          coverage.note("load batch refused by an event");
          bad = s.badEvent(id);
          break;
        case 1:
          coverage.note("load batch refused by a deal");
          bad = s.badDeal(deals.isEmpty() || rnd.nextBoolean() ? "d-new" : s.pick(deals), id);
          break;
        case 2:
          coverage.note("load batch refused by an account");
          bad = s.badAccount(s.pick(Scenario.ACCOUNT_IDS));
          break;
        default:
          coverage.note("load batch refused by a link");
          bad = s.badLink(id, s.pick(ABSENT_ACCOUNTS));
          break;
      }
      // after the contact's upsert when it is new in this batch, else anywhere
      refused.add(refused.size() - rnd.nextInt(added.isEmpty() ? refused.size() + 1 : 1), bad);
      return refused;
    }

    /** The batch was committed: its contacts join the loaded ones. */
    void committed() {
      loaded.addAll(added);
      added.clear();
    }
  }

  /** How many events a new contact gets: often none or a few, sometimes many. */
  private static int eventsPerContact(SplittableRandom rnd) {
    int k = rnd.nextInt(100);
    return k < 30 ? 0 : k < 70 ? 1 + rnd.nextInt(3) : k < 90 ? 4 + rnd.nextInt(5)
        : 9 + rnd.nextInt(12);
  }

  /** Applies a batch to the model and the index; both must end as {@code outcome}. */
  private static void load(ReferenceModel model, ContactIndex index, List<Mutation> batch,
      Mutation.Outcome outcome, long seed, int tryNo, String replay) {
    IndexSnapshot before = index.snapshot();
    Mutation.Result expected = Mutation.applyTo(model, batch);
    Mutation.Result actual = Mutation.applyTo(index, batch);
    assertEquals(expected.outcome(), actual.outcome(),
        () -> "seed " + seed + " (try " + tryNo + "): loading contacts: reference " + expected
            + ", index " + actual + "\n" + replay + "\nbatch: " + brief(batch));
    assertEquals(outcome, expected.outcome(),
        () -> "seed " + seed + " (try " + tryNo + "): the test meant this batch to be "
            + outcome + ": " + expected + "\n" + replay + "\nbatch: " + brief(batch));
    if (outcome != Mutation.Outcome.COMMITTED) {
      assertSame(before, index.snapshot(),
          () -> "seed " + seed + " (try " + tryNo + "): a refused batch changed the index\n"
              + replay);
    }
  }

  /** A batch for a failure message: its size, first and last mutations (the seed replays it). */
  private static String brief(List<Mutation> batch) {
    StringBuilder sb = new StringBuilder(batch.size() + " mutations");
    for (int i = 0; i < batch.size(); i++) {
      if (i < 20 || i >= batch.size() - 3) {
        sb.append("\n  ").append(i).append(": ").append(batch.get(i));
      } else if (i == 20) {
        sb.append("\n  ...");
      }
    }
    return sb.toString();
  }
}
