"""bot/rules"""
