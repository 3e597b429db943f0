"""Re-ranking: after BM25Okapi picks the candidates, signals reorder them by what answers the question.

Each signal is a small class in `signals/` with a name `eval --without` can switch off; `model.py`
combines their features with weights fitted on FairytaleQA's train split (scripts/fit_reranker.py).
"""
