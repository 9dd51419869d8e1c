"""finsam-budget: budget- och redovisningsmotor för samordningsförbund."""

__version__ = "0.1.0"
