"""The evaluation harness: ``python -m prdlint.eval`` (see README, "Accuracy").

Parts: fixtures (``tests/fixtures/rules/<CODE>/``, expected lines marked by comments), the
labelled corpus (``eval/labels/`` over ``../shared/corpus``) and the outside human-labelled sets
(``../shared/corpus/labelled``). Library code here returns results; only ``__main__`` prints.
"""
