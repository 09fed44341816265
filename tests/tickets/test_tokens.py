"""API tokens: stored hashed, roles ordered, lookups cached."""

from sqlalchemy import select

from tickets.db import Database
from tickets.tables import ApiToken
from tickets.tokens import TokenCache, allows, create_token, role_of


def test_token_is_stored_only_as_a_hash(database: Database) -> None:
    token = create_token(database, "agent", "desk-1")
    with database.session() as session:
        stored = session.scalars(select(ApiToken)).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert role_of(database, token) == ("desk-1", "agent")
    assert role_of(database, token + "x") is None


def test_roles_include_the_ones_below() -> None:
    assert allows("admin", "agent") and allows("director", "supervisor")
    assert not allows("agent", "supervisor") and not allows("intake", "agent")


def test_cache_answers_without_the_database_until_it_expires(database: Database) -> None:
    token = create_token(database, "supervisor", "lead")
    cache = TokenCache(database, seconds=60)
    assert cache.role_of(token) == ("lead", "supervisor")
    with database.session() as session, session.begin():
        session.scalars(select(ApiToken)).one().revoked = True
    assert cache.role_of(token) == ("lead", "supervisor")  # cached
    assert TokenCache(database, seconds=0).role_of(token) is None  # expired: asks again
