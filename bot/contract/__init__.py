"""The contract between services and handlers, one module per feature: what services return and what the bot
says, as plain values (ids, dates, numbers, catalog keys), never Block Kit and never translated text.

Imports go one way: `common` <- `tiltak` <- `oneonone` <- `digest`; `pulse` <- `home`. Builders in
`handlers/blocks/` import only this package, `bot.i18n` and `bot.rules`."""
