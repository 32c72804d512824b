"""Loads the kata's pytest plugin (kata/engine/plugin.py): options, fixtures and markers live there."""

pytest_plugins = ["kata.engine.plugin"]
