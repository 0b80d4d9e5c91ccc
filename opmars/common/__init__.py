"""The shared kernel: small helpers every app may import, which import no app themselves.

errors   the one error type of actions and the {field, code, message} shape of every refusal
formulas the guard that keeps CSV cells from running as spreadsheet formulas
slugs    the one way a new record gets a free slug
mail     mail that leaves only once the transaction that caused it has committed
"""
