package org.segmentdsl.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.condition.Not;

/**
 * Every use case's examples, and the runner that evaluates and checks them.
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java
 * </pre>
 */
public final class Examples {
  private Examples() {}

  /** Every example of every use case, in the README's order. */
  public static List<Example> all() {
    return Stream.of(Onboarding.examples(), LeadNurturing.examples(),
            CustomersAndProspects.examples(), ReEngagement.examples(), AbandonedCart.examples(),
            WebinarPromotion.examples(), Renewals.examples(), QualifiedDeals.examples(),
            SaasLeads.examples())
        .flatMap(List::stream)
        .toList();
  }

  /** Every example segment, for references between them ({@code inSegment("customers")}). */
  public static SegmentRegistry registry() {
    return SegmentRegistry.of(all().stream().map(Example::segment).toList());
  }

  /** The context examples are evaluated in: the demo's now and zone, with the registry. */
  public static EvaluationContext context() {
    return DemoData.CONTEXT.withSegments(registry());
  }

  /** What one example gave. */
  public record Outcome(String id, String name, int count, long micros, String explain) {}

  public static void main(String[] args) {
    DemoData data = DemoData.generate(args.length > 0 ? Integer.parseInt(args[0]) : 200_000, 42);
    run(all(), data, data.load().snapshot(), System.out);
  }

  /** Untimed evaluations of every example before the timed ones: a warm JVM's figures. */
  static final int WARM_UP_ROUNDS = 3;

  /** Timed evaluations of each example; the median is printed. */
  static final int TIMED_ROUNDS = 5;

  /**
   * Evaluates each example on the snapshot, checks it and prints its name, count, median time,
   * the check and the explain tree. The check: the count must equal a plain Java filter's over
   * {@code data}, and the segment and its negation must split the audience exactly. Every example
   * is first evaluated {@value #WARM_UP_ROUNDS} times untimed, so that the first one's time is
   * not a cold JVM's.
   *
   * @throws IllegalStateException naming the first example that disagrees
   */
  public static List<Outcome> run(List<Example> examples, DemoData data, IndexSnapshot snapshot,
      PrintStream out) {
    EvaluationContext ctx = context();
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      examples.forEach(example -> snapshot.evaluate(example.segment(), ctx));
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (Example example : examples) {
      Segment segment = example.segment();
      long[] nanos = new long[TIMED_ROUNDS];
      SegmentResult result = null;
      for (int round = 0; round < TIMED_ROUNDS; round++) {
        long start = System.nanoTime();
        result = snapshot.evaluate(segment, ctx);
        nanos[round] = System.nanoTime() - start;
      }
      java.util.Arrays.sort(nanos);
      long micros = nanos[TIMED_ROUNDS / 2] / 1000;
      long expected = data.contacts().stream()
          .filter(c -> example.expected().test(c, data)).count();
      if (result.count() != expected) {
        throw new IllegalStateException(segment.id() + ": the engine found " + result.count()
            + " contacts, a plain Java filter " + expected);
      }
      int others = snapshot.evaluate(new Not(segment.condition()), ctx).count();
      if (result.count() + others != snapshot.size()) {
        throw new IllegalStateException(segment.id() + " and its negation do not split the "
            + "audience");
      }
      String explain = snapshot.explain(segment, ctx).toString();
      out.printf(Locale.ROOT, "%s (%s): %,d contacts in %,d µs (median of %d)%n", segment.name(),
          segment.id(), result.count(), micros, TIMED_ROUNDS);
      out.printf(Locale.ROOT, "  checked: a plain Java filter over the %,d contacts finds %,d "
          + "too; the negation holds the other %,d%n", data.contacts().size(), expected, others);
      out.println(explain.indent(2));
      outcomes.add(new Outcome(segment.id(), segment.name(), result.count(), micros, explain));
    }
    return outcomes;
  }

  /** Runs one use case's examples on a freshly generated demo (for the use cases' mains). */
  static void runOne(List<Example> examples) {
    DemoData data = DemoData.generate(200_000, 42);
    run(examples, data, data.load().snapshot(), System.out);
  }
}
