"""Runs laid out from disk give the posting lists that sorting every occurrence at once gives."""

import numpy as np

from bot.core.index import postings_of_tokens
from bot.core.posting_runs import PostingRuns


def random_batches(generator, batches, terms):
    """Each batch's occurrences as (term, passage) keys of its own passages, and its passage count."""
    for _ in range(batches):
        passages = int(generator.integers(1, 40))
        lengths = generator.integers(0, 30, size=passages)
        # Zipf-like terms: a few in most passages, most in few, some repeated within a passage.
        term_ids = np.minimum(generator.zipf(1.3, size=int(lengths.sum())) - 1, terms - 1)
        yield term_ids, lengths


def test_runs_laid_out_equal_one_sort_of_every_occurrence(tmp_path):
    generator = np.random.default_rng(7)
    terms = 500
    runs = PostingRuns(tmp_path)
    every_term, every_length = [], []
    first_passage = 0
    for term_ids, lengths in random_batches(generator, 12, terms):
        batch_terms, docs, tf = postings_of_tokens(term_ids, lengths)
        runs.add(batch_terms, docs + first_passage, tf)
        every_term.append(term_ids)
        every_length.append(lengths)
        first_passage += len(lengths)
    assert runs.runs == 12 and len(list(tmp_path.iterdir())) == 12 * 4

    expected_terms, expected_docs, expected_tf = postings_of_tokens(
        np.concatenate(every_term), np.concatenate(every_length)
    )
    docs, tf, doc_freq = runs.laid_out(terms)
    assert np.array_equal(docs, expected_docs)
    assert np.array_equal(tf, expected_tf)
    assert np.array_equal(doc_freq, np.bincount(expected_terms, minlength=terms))
    assert doc_freq[0] > 100 and (doc_freq == 0).any()  # common terms, and terms no batch had
