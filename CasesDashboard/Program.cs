using CasesDashboard.Components;
using CasesDashboard.Data;
using CasesDashboard.Features;

var builder = WebApplication.CreateBuilder(args);
builder.AddCasesStore();
builder.AddCasesFeatures();
builder.AddCasesUi();

var app = builder.Build();
await app.PrepareStoreAsync();
app.MapCasesUi();
app.Run();

public partial class Program;
