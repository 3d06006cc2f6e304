package org.segmentdsl.examples;

import org.segmentdsl.ContactIndex;

/**
 * Measures the heap an index spends per contact: generates the demo audience (tags, list
 * statuses, nine typed fields, an account link; no events or deals), compares the live heap
 * before and after loading it. A measurement program, not a test:
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java -Dexample=ContactMemory \\
 *     -Dexec.args="1000000"
 * </pre>
 */
public final class ContactMemory {
  private ContactMemory() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    DemoData data = DemoData.generate(n, 42);
    long before = EventMemory.liveHeap();
    ContactIndex index = ContactIndex.create(DemoData.SCHEMA);
    index.update(b -> {
      data.accounts().forEach(b::upsertAccount);
      data.contacts().forEach(b::upsert);
    });
    long after = EventMemory.liveHeap();
    System.out.printf("%,d contacts (tags, lists, 9 typed fields, account link): %,d bytes = "
        + "%.1f bytes per contact (index of %,d)%n", n, after - before,
        (after - before) / (double) n, index.size());
  }
}
