/**
 * The JSON formats: saved segments ({@link org.segmentdsl.json.SegmentJson}), schemas ({@link
 * org.segmentdsl.json.SchemaJson}), dataset folders ({@link org.segmentdsl.json.DatasetLoader},
 * {@link org.segmentdsl.json.DatasetWriter}) and change streams ({@link
 * org.segmentdsl.json.ChangeStream}). Reading is strict and bounded; every mistake is reported
 * with where it is; writing is canonical and reads back the same.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package org.segmentdsl.json;

import org.jspecify.annotations.NullMarked;
