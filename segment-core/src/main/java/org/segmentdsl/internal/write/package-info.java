/**
 * The single writer of a contact index. {@link org.segmentdsl.internal.write.IndexWriter} turns
 * a {@link org.segmentdsl.internal.write.StagedBatch} (a batch's mutations as checked rows, values
 * normalised by {@link org.segmentdsl.internal.write.FieldValues}) into the next published {@code
 * IndexData}, copying only what the batch touches, with an {@link
 * org.segmentdsl.internal.write.EntityWriter} each for the deal and the account table, and says
 * what the commit changed ({@link org.segmentdsl.internal.write.Changes}) for live segments.
 * {@link org.segmentdsl.internal.write.SnapshotWriter} saves a state the writer captured as a
 * snapshot file, and {@link org.segmentdsl.internal.write.SnapshotReader} rebuilds a writer from
 * one: they are here rather than in {@code snapshot} because they capture and rebuild the
 * writer's state, while every structure below saves itself through {@code snapshot}.
 *
 * <p>Depends on: every other internal package ({@code org.segmentdsl.internal}, {@code snapshot},
 * {@code column}, {@code event}, {@code table}). Used by the API ({@code ContactIndex}, {@code
 * Event}, {@code EventBuffer}, {@code SnapshotFile}, live segments) and, for {@code Changes}, by
 * the evaluator; no internal package depends on it.
 */
package org.segmentdsl.internal.write;
