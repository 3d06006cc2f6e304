/**
 * The contact index and what it works with: {@link org.segmentdsl.ContactIndex} (thread-safe,
 * batches, evaluation, explain), {@link org.segmentdsl.IndexSnapshot} (an immutable state),
 * {@link org.segmentdsl.Schema}, {@link org.segmentdsl.Contact}, {@link org.segmentdsl.Deal},
 * {@link org.segmentdsl.Account}, {@link org.segmentdsl.Event}, {@link org.segmentdsl.Segment},
 * {@link org.segmentdsl.SegmentResult}, live segments ({@link org.segmentdsl.LiveSegments}) and
 * snapshot files ({@link org.segmentdsl.SnapshotFile}).
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}; a
 * null argument elsewhere fails at once with a {@link NullPointerException} naming it.
 */
@NullMarked
package org.segmentdsl;

import org.jspecify.annotations.NullMarked;
