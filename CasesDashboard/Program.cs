using CasesDashboard.Components;
using CasesDashboard.Data;
using CasesDashboard.Features;
using CasesDashboard.Features.Analytics;
using CasesDashboard.Features.Api;
using CasesDashboard.Features.Cases.Export;
using CasesDashboard.Features.Templates;

if (args is ["bench", .. var benchArgs])
    return await CasesDashboard.Features.Bench.BenchCommand.RunAsync(benchArgs);
if (args is ["users", .. var userArgs])
    return await CasesDashboard.Features.Security.UsersCommand.RunAsync(userArgs);
if (args is ["api-keys", .. var keyArgs]) return await ApiKeysCommand.RunAsync(keyArgs);

var builder = WebApplication.CreateBuilder(args);
builder.AddCasesStore();
builder.AddCasesFeatures();
builder.AddCasesUi();
builder.AddCasesApi();

var app = builder.Build();
await app.PrepareStoreAsync();
app.MapCasesUi();
app.MapTemplateEndpoints();
app.MapAnalyticsEndpoints();
app.MapCasesApi();
app.MapCaseExport();
app.Run();
return 0;

public partial class Program;
