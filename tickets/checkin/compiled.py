"""Querysets turned into SQL once per database connection, for the scan's hot path.

Building and compiling the scan's lookup with the ORM cost about 8 ms of CPU per scan, far more than
running it (BENCHMARKS.md, "check-in"). A `CompiledQuery` asks Django to compile the queryset once, keeps the
SQL text and where each argument goes among its parameters, and afterwards only substitutes the arguments
and maps the rows to instances the way `QuerySet.__iter__` does (converters, `Model.from_db`,
`select_related` populators, annotations).

The SQL is Django's own, so the behaviour is the queryset's. To make sure an argument never changes the SQL
text (only its parameters), the queryset is compiled for two different samples: the texts must be equal and
substituting each sample must give back exactly the parameters Django produced for it, or the first use
fails loudly.

On PostgreSQL the statements also go through `prepared_cursor`: planning the lookup (six correlated
subqueries) cost PostgreSQL about four times as much as running it, so the server keeps the plan instead.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model, QuerySet
from django.db.models.query import get_related_populators


def prepared_cursor(connection):
    """A cursor (Django's wrapper, so queries are still counted and errors translated) whose statements
    PostgreSQL prepares once they repeat: server-side binding, where Django uses client-side binding for
    every other query. psycopg prepares a statement after `prepare_threshold` executions of the same text
    on a connection and keeps it for the connection's life. Elsewhere, an ordinary cursor.

    Behind PgBouncer in transaction mode, prepared statements need PgBouncer 1.21 or later with
    `max_prepared_statements` set (README, "Production")."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(ServerBindingCursor(connection.connection))


class CompilationMismatch(RuntimeError):
    """The queryset's SQL text depends on its arguments: it cannot be compiled once."""


@dataclass
class _Plan:
    sql: str
    params: list[Any]
    slots: list[tuple[int, str]]  # (parameter position, argument name)
    compiler: Any
    converters: dict
    model: type[Model]
    fields_start: int
    fields_end: int
    init_list: list[str]
    populators: list
    annotations: list[tuple[str, int]]


class CompiledQuery:
    """`build(**arguments)` returns the queryset; `fields` says, for each argument, which model field
    prepares its value for the database; `samples` are two sets of arguments differing in every value."""

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        fields: dict[str, Field],
        samples: tuple[dict[str, Any], dict[str, Any]],
    ) -> None:
        self.build = build
        self.fields = fields
        self.samples = samples
        # One plan per connection object (one per thread and alias): the compiler keeps its connection.
        self._plans: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def fetch(self, *, using: str = DEFAULT_DB_ALIAS, **arguments: Any) -> list[Model]:
        connection = connections[using]
        plan = self._plans.get(connection)
        if plan is None:
            plan = self._plans[connection] = self._compile(connection, using)
        with prepared_cursor(connection) as cursor:
            cursor.execute(plan.sql, self._params(plan, connection, arguments))
            rows = cursor.fetchall()
        return self._instances(plan, rows, using)

    def sql(self, *, using: str = DEFAULT_DB_ALIAS) -> str:
        """The SQL text (for tests)."""
        connection = connections[using]
        plan = self._plans.get(connection) or self._compile(connection, using)
        return plan.sql

    def _prepare(self, name: str, value: Any, connection) -> Any:
        return self.fields[name].get_db_prep_value(value, connection, prepared=False)

    def _params(self, plan: _Plan, connection, arguments: dict[str, Any]) -> list[Any]:
        params = list(plan.params)
        prepared = {name: self._prepare(name, value, connection) for name, value in arguments.items()}
        for position, name in plan.slots:
            params[position] = prepared[name]
        return params

    def _compile(self, connection, using: str) -> _Plan:
        first, second = self.samples
        compiler = self.build(**first).query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        other_sql, other_params = self.build(**second).query.get_compiler(using=using).as_sql()
        if sql != other_sql or len(params) != len(other_params):
            raise CompilationMismatch("the SQL text depends on the arguments")
        slots = []
        for position, (one, two) in enumerate(zip(params, other_params, strict=True)):
            if one == two:
                continue  # a constant of the query
            names = [
                name
                for name in self.fields
                if self._prepare(name, first[name], connection) == one
                and self._prepare(name, second[name], connection) == two
            ]
            if len(names) != 1:
                raise CompilationMismatch(f"parameter {position} is not exactly one argument")
            slots.append((position, names[0]))
        plan = self._plan(compiler, sql, list(params), slots, using)
        for sample, expected in ((first, params), (second, other_params)):
            if self._params(plan, connection, sample) != list(expected):
                raise CompilationMismatch("substituting the arguments does not give Django's parameters")
        return plan

    def _plan(self, compiler, sql: str, params: list, slots: list, using: str) -> _Plan:
        """What `ModelIterable.__iter__` works out from the compiler before mapping rows, done once."""
        select, klass_info = compiler.select, compiler.klass_info
        select_fields = klass_info["select_fields"]
        start, end = select_fields[0], select_fields[-1] + 1
        return _Plan(
            sql=sql,
            params=params,
            slots=slots,
            compiler=compiler,
            converters=compiler.get_converters([column[0] for column in select[: compiler.col_count]]),
            model=klass_info["model"],
            fields_start=start,
            fields_end=end,
            init_list=[column[0].target.attname for column in select[start:end]],
            populators=get_related_populators(klass_info, select, using),
            annotations=list(compiler.annotation_col_map.items()),
        )

    def _instances(self, plan: _Plan, rows: list, using: str) -> list[Model]:
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        instances = []
        for row in rows:
            instance = plan.model.from_db(using, plan.init_list, row[plan.fields_start : plan.fields_end])
            for populator in plan.populators:
                populator.populate(row, instance)
            for name, position in plan.annotations:
                setattr(instance, name, row[position])
            instances.append(instance)
        return instances
