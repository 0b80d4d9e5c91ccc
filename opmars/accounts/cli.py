"""`opmars token create|list|revoke`: API tokens for operators (see docs/cli.md).

add_token_arguments() imports nothing from Django, so building the parser stays cheap.
Exit status: 0 done, 1 refused (the reason on stderr, in Dutch), 2 wrong options.
"""

import argparse
import sys

MAX_DAYS = 3650


def _days(text):
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen heel getal") from None
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"kies 1 tot en met {MAX_DAYS} dagen")
    return days


def _name(text):
    if not text.strip() or len(text) > 100:
        raise argparse.ArgumentTypeError("een naam heeft 1 tot en met 100 tekens")
    return text.strip()


def add_token_arguments(parser):
    sub = parser.add_subparsers(dest="token_command", required=True)
    create = sub.add_parser("create", help="een sleutel maken; het geheim wordt één keer getoond")
    create.add_argument("--email", required=True, help="e-mailadres van het account")
    create.add_argument("--scope", required=True, choices=["read", "write"], help="rechten")
    create.add_argument("--name", type=_name, default="opdrachtregel", help="waarvoor hij is")
    create.add_argument("--days", type=_days, help=f"geldig 1–{MAX_DAYS} dagen (standaard altijd)")
    listing = sub.add_parser("list", help="sleutels tonen (nooit hun geheim)")
    listing.add_argument("--email", help="alleen de sleutels van dit account")
    revoke = sub.add_parser("revoke", help="een sleutel intrekken")
    revoke.add_argument("prefix", help="het begin van de sleutel, zoals opm_AbCd1234")


def run_token(args):
    return {"create": _create, "list": _list, "revoke": _revoke}[args.token_command](args)


def _account(email):
    from opmars.accounts.models import User

    return User.objects.filter(email__iexact=email.strip()).first()


def _create(args):
    from django.core.exceptions import PermissionDenied

    from opmars.accounts.tokens import create_token_as_operator

    owner = _account(args.email)
    if owner is None:
        return _refuse(f"Er is geen account met e-mailadres {args.email}.")
    try:
        token, secret = create_token_as_operator(owner, args.name, args.scope, args.days)
    except PermissionDenied as refusal:
        return _refuse(f"{args.email}: {refusal}")
    until = token.expires_at.date().isoformat() if token.expires_at else "zonder vervaldatum"
    print(f"Sleutel '{token.name}' ({token.get_scope_display()}) voor {owner.email}, {until}:")
    print(secret)
    print("Bewaar het geheim nu: Opmars bewaart het niet en kan het niet opnieuw tonen.")
    return 0


def _status(token):
    if token.revoked_at:
        return "ingetrokken"
    return "verlopen" if token.is_expired else "actief"


def _date(moment):
    return moment.date().isoformat() if moment else "-"


def _list(args):
    from opmars.api.models import ApiToken

    tokens = ApiToken.objects.select_related("user").order_by("user__email", "-created_at")
    if args.email:
        tokens = tokens.filter(user__email__iexact=args.email.strip())
    print("begin\taccount\tnaam\trechten\tgemaakt\tlaatst gebruikt\tverloopt\tstatus")
    for token in tokens:
        print(
            "\t".join(
                [
                    token.prefix,
                    token.user.email,
                    token.name,
                    token.scope,
                    _date(token.created_at),
                    _date(token.last_used_at),
                    _date(token.expires_at),
                    _status(token),
                ]
            )
        )
    return 0


def _revoke(args):
    from opmars.accounts.tokens import revoke_token_as_operator
    from opmars.api.models import ApiToken

    found = list(ApiToken.objects.filter(prefix=args.prefix.strip()).select_related("user"))
    if not found:
        return _refuse(f"Er is geen sleutel die begint met {args.prefix}. Zie opmars token list.")
    if len(found) > 1:
        return _refuse(f"Meer sleutels beginnen met {args.prefix}; dat hoort niet. Meld het.")
    token = revoke_token_as_operator(found[0])
    print(f"Sleutel {token.prefix}… van {token.user.email} is ingetrokken en werkt niet meer.")
    return 0


def _refuse(message):
    print(message, file=sys.stderr)
    return 1
