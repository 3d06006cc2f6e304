/**
 * The index's internals: how a contact index is stored, written and saved. Nothing here is API:
 * the module exports this package (with {@code org.segmentdsl.eval}) to the JSON module only, and
 * none of its sub-packages to anyone.
 *
 * <p>This package holds what every layer shares and what the API and the JSON module need: the
 * copy-on-write scope of one commit ({@link org.segmentdsl.internal.WriteScope}), the limits of
 * one evaluation ({@link org.segmentdsl.internal.Budget}), the benchmarks' read meter ({@link
 * org.segmentdsl.internal.ReadMeter}), varints ({@link org.segmentdsl.internal.Varints}), the
 * files the library reads ({@link org.segmentdsl.internal.InputFiles}), "did you mean" ({@link
 * org.segmentdsl.internal.Suggestions}) and Java literals for {@code toString} ({@link
 * org.segmentdsl.internal.JavaLiterals}).
 *
 * <p>The sub-packages, bottom up, each depending only on this package and on those before it:
 * {@code snapshot} (the snapshot file format, whose sections every structure saves itself to),
 * {@code column} (bitmap maps and field columns), {@code event} (recorded events), {@code table}
 * (one published table, {@code IndexData}, with its ids, rows and relations) and {@code write}
 * (the single writer, and its state saved to and loaded from snapshot files). The evaluator
 * ({@code org.segmentdsl.eval}) reads {@code table}, {@code column} and {@code event}, and a
 * commit's {@code Changes} from {@code write}.
 *
 * <p>Depends on: the API's value types ({@code org.segmentdsl}) only, no other internal package.
 * Every internal package, the evaluator, the API and the JSON module may depend on it.
 */
package org.segmentdsl.internal;
