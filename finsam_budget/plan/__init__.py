"""The multi-year plan: the engine, what-if adjustments, periods and the liquidity plan."""
