package org.segmentdsl.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * Evaluates each example on the snapshot, prints its name, count, time and explain tree, and
   * checks it: the count must equal the plain filter's over {@code data}, and the segment and its
   * negation must split the audience exactly.
   *
   * @throws IllegalStateException naming the first example that disagrees
   */
  public static List<Outcome> run(List<Example> examples, DemoData data, IndexSnapshot snapshot,
      PrintStream out) {
    EvaluationContext ctx = context();
    List<Outcome> outcomes = new ArrayList<>();
    for (Example example : examples) {
      Segment segment = example.segment();
      long start = System.nanoTime();
      SegmentResult result = snapshot.evaluate(segment, ctx);
      long micros = (System.nanoTime() - start) / 1000;
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
      out.printf("%s (%s): %,d contacts in %,d µs%n", segment.name(), segment.id(),
          result.count(), micros);
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
