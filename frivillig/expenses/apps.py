from django.apps import AppConfig


class ExpensesConfig(AppConfig):
    name = "frivillig.expenses"
    verbose_name = "Udgiftsgodtgørelse"
