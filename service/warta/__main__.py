from warta.cli import app

app(prog_name="warta")
