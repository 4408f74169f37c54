"""Pure Block Kit builders (`build_…`): domain values in, dicts out, with the ids from `handlers.ids`."""
